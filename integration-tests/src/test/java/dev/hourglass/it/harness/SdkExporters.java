package dev.hourglass.it.harness;

import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.time.Duration;

/** The OpenTelemetry SDK's own OTLP exporters, pointed at a receiver: the reference client for self-tests. */
final class SdkExporters {

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private SdkExporters() {}

  /** No retries: each export is exactly one call, so tests can count calls. */
  static MetricExporter to(OtlpReceiver receiver, OtlpTransport transport, String compression) {
    return to(receiver, transport, compression, null);
  }

  /** @param retryPolicy null disables retries */
  static MetricExporter to(OtlpReceiver receiver, OtlpTransport transport, String compression,
      RetryPolicy retryPolicy) {
    return switch (transport) {
      case HTTP_PROTOBUF -> OtlpHttpMetricExporter.builder()
          .setEndpoint(receiver.httpEndpoint())
          .setCompression(compression)
          .setTimeout(TIMEOUT)
          .setRetryPolicy(retryPolicy)
          .build();
      case GRPC -> OtlpGrpcMetricExporter.builder()
          .setEndpoint(receiver.grpcEndpoint())
          .setCompression(compression)
          .setTimeout(TIMEOUT)
          .setRetryPolicy(retryPolicy)
          .build();
    };
  }
}
