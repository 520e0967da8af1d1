package dev.hourglass.exporter.otlp;

import java.time.Duration;
import java.util.Map;

/**
 * How to reach the collector, from the standard {@code OTEL_EXPORTER_OTLP_*} settings.
 *
 * @param endpoint the full metrics URL for http/protobuf ({@code .../v1/metrics}), the base URL for
 *     grpc
 * @param queueCapacity snapshots kept while the collector is slow or down; the oldest is dropped
 *     (and its points counted) when a new one arrives and the queue is full
 */
public record OtlpOptions(
    String protocol,
    String endpoint,
    Map<String, String> headers,
    Duration timeout,
    String compression,
    boolean delta,
    boolean exponentialHistograms,
    int queueCapacity) {

  public static final String GRPC = "grpc";
  public static final String HTTP_PROTOBUF = "http/protobuf";

  public OtlpOptions {
    headers = Map.copyOf(headers);
  }

  /**
   * The endpoint as log lines show it: scheme, host, port and path. User info, query and fragment
   * are left out, because collectors of some vendors take an API key there.
   */
  public String endpointForLog() {
    try {
      java.net.URI uri = new java.net.URI(endpoint);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(an unreadable URL)";
      }
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      return uri.getScheme() + "://" + uri.getHost() + port + path;
    } catch (java.net.URISyntaxException e) {
      return "(an unreadable URL)";
    }
  }
}
