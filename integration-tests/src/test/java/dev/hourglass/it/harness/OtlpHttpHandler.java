package dev.hourglass.it.harness;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** The OTLP http/protobuf side of {@link OtlpReceiver}: decodes POST /v1/metrics and answers per fault mode. */
final class OtlpHttpHandler implements HttpHandler {

  static final String PATH = "/v1/metrics";

  private static final String PROTOBUF = "application/x-protobuf";
  // A success answer is an empty ExportMetricsServiceResponse, which encodes to zero bytes.
  private static final byte[] SUCCESS_BODY = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
  // '<' opens a protobuf end-group tag that matches no start group: no parser takes this for a message.
  static final byte[] GARBAGE_BODY = "<html>not an OTLP answer</html>".getBytes(StandardCharsets.UTF_8);
  // For sendResponseHeaders, 0 means "chunked, length unknown"; -1 is how to say "no body".
  private static final int NO_BODY = -1;

  private final ReceivedMetrics received;
  private final Supplier<FaultMode> faultMode;
  private final CountDownLatch closing;

  OtlpHttpHandler(ReceivedMetrics received, Supplier<FaultMode> faultMode, CountDownLatch closing) {
    this.received = received;
    this.faultMode = faultMode;
    this.closing = closing;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      respond(exchange);
    } finally {
      // Without a response sent, close() drops the connection: exactly what CLOSE_CONNECTION needs.
      exchange.close();
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    // The context matches by prefix, so "/v1/metricsfoo" lands here too.
    if (!exchange.getRequestURI().getPath().equals(PATH)) {
      exchange.sendResponseHeaders(404, NO_BODY);
      return;
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.sendResponseHeaders(405, NO_BODY);
      return;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
      // OTLP also allows JSON, but the agent is specified to send protobuf; anything else is a bug to surface.
      exchange.sendResponseHeaders(415, NO_BODY);
      return;
    }
    Optional<byte[]> body;
    try {
      body = decodedBody(exchange);
    } catch (ZipException | EOFException corruptGzip) {
      exchange.sendResponseHeaders(400, NO_BODY);
      return;
    }
    if (body.isEmpty()) {
      exchange.sendResponseHeaders(415, NO_BODY);
      return;
    }
    Optional<ExportMetricsServiceRequest> request = parse(body.get());
    FaultMode mode = faultMode.get();
    boolean accepted = request.isPresent() && mode == FaultMode.NORMAL;
    received.add(new ReceivedExport(OtlpTransport.HTTP_PROTOBUF, headers(exchange), body.get(), request, accepted));

    if (request.isEmpty()) {
      exchange.sendResponseHeaders(400, NO_BODY);
      return;
    }
    switch (mode) {
      case NORMAL -> {
        exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
        exchange.sendResponseHeaders(200, SUCCESS_BODY.length == 0 ? NO_BODY : SUCCESS_BODY.length);
        exchange.getResponseBody().write(SUCCESS_BODY);
      }
      case SERVER_ERROR -> exchange.sendResponseHeaders(500, NO_BODY);
      case TOO_MANY_REQUESTS -> exchange.sendResponseHeaders(429, NO_BODY);
      case HANG -> hangUntilReceiverCloses();
      case CLOSE_CONNECTION -> { } // handle() closes the exchange without a response.
      case GARBAGE -> {
        exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
        exchange.sendResponseHeaders(200, GARBAGE_BODY.length);
        exchange.getResponseBody().write(GARBAGE_BODY);
      }
    }
  }

  /** The body with any Content-Encoding undone; empty for an encoding the receiver does not know. */
  private static Optional<byte[]> decodedBody(HttpExchange exchange) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    try (InputStream raw = exchange.getRequestBody()) {
      byte[] wire = raw.readAllBytes();
      if (encoding == null || encoding.equalsIgnoreCase("identity")) {
        return Optional.of(wire);
      }
      if (encoding.equalsIgnoreCase("gzip")) {
        try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(wire))) {
          return Optional.of(gunzip.readAllBytes());
        }
      }
      return Optional.empty();
    }
  }

  private static Optional<ExportMetricsServiceRequest> parse(byte[] body) {
    try {
      return Optional.of(ExportMetricsServiceRequest.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private static Map<String, List<String>> headers(HttpExchange exchange) {
    return exchange.getRequestHeaders().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue())));
  }

  private void hangUntilReceiverCloses() {
    try {
      closing.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
