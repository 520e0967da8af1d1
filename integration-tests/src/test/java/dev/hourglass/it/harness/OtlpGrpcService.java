package dev.hourglass.it.harness;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OTLP gRPC side of {@link OtlpReceiver}: {@code opentelemetry.proto.collector.metrics.v1.MetricsService/Export}.
 *
 * <p>opentelemetry-proto ships the generated {@link MetricsServiceGrpc}, and its method descriptor is used here for
 * the exact service and method names. Its request marshaller is swapped for one that keeps the bytes, because
 * leak tests need the payload exactly as the exporter encoded it, not a re-encoding of what was parsed.
 */
final class OtlpGrpcService {

  private static final Context.Key<Metadata> HEADERS = Context.key("otlp-request-headers");

  private static final MethodDescriptor<byte[], ExportMetricsServiceResponse> EXPORT =
      MetricsServiceGrpc.getExportMethod()
          .toBuilder(new RawBytes(), ProtoUtils.marshaller(ExportMetricsServiceResponse.getDefaultInstance()))
          .build();

  private final ReceivedMetrics received;
  private final Supplier<FaultMode> faultMode;

  OtlpGrpcService(ReceivedMetrics received, Supplier<FaultMode> faultMode) {
    this.received = received;
    this.faultMode = faultMode;
  }

  ServerServiceDefinition definition() {
    ServerServiceDefinition service = ServerServiceDefinition.builder(MetricsServiceGrpc.SERVICE_NAME)
        .addMethod(EXPORT, ServerCalls.asyncUnaryCall(this::export))
        .build();
    return ServerInterceptors.intercept(service, new HeaderCapture());
  }

  private void export(byte[] body, StreamObserver<ExportMetricsServiceResponse> response) {
    Optional<ExportMetricsServiceRequest> request = parse(body);
    FaultMode mode = faultMode.get();
    boolean accepted = request.isPresent() && mode == FaultMode.NORMAL;
    received.add(new ReceivedExport(OtlpTransport.GRPC, headers(HEADERS.get()), body, request, accepted));

    if (request.isEmpty()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("not an ExportMetricsServiceRequest").asException());
      return;
    }
    switch (mode) {
      case NORMAL -> {
        response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
        response.onCompleted();
      }
      case SERVER_ERROR -> response.onError(Status.INTERNAL.withDescription("fault injected").asException());
      case TOO_MANY_REQUESTS ->
          response.onError(Status.RESOURCE_EXHAUSTED.withDescription("fault injected").asException());
      case HANG -> { } // Never answered; the client's deadline or the server's shutdown ends the call.
      // SeveringTcpProxy cuts (or garbles) the connection before requests get here; one already in flight when
      // the mode changed gets what a client would see on a dropped connection.
      case CLOSE_CONNECTION, GARBAGE ->
          response.onError(Status.UNAVAILABLE.withDescription("fault injected").asException());
    }
  }

  private static Optional<ExportMetricsServiceRequest> parse(byte[] body) {
    try {
      return Optional.of(ExportMetricsServiceRequest.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  /** Text metadata only: binary ("-bin") entries carry nothing a test asserts on. */
  private static Map<String, List<String>> headers(Metadata metadata) {
    Map<String, List<String>> headers = new HashMap<>();
    for (String key : metadata.keys()) {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        continue;
      }
      Iterable<String> values = metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
      List<String> list = new ArrayList<>();
      if (values != null) {
        values.forEach(list::add);
      }
      headers.put(key, List.copyOf(list));
    }
    return headers;
  }

  /** Makes the call's metadata visible to {@link #export}, which the unary stub API does not pass along. */
  private static final class HeaderCapture implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
    }
  }

  /** Hands the request through as the bytes gRPC delivered (already decompressed if the client used gzip). */
  private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try (stream) {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
