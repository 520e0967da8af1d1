package dev.hourglass.agent.telemetry;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.exporter.otlp.OtlpOptions;
import java.util.Map;

/**
 * Reads the standard OTLP exporter settings the way the OpenTelemetry SDK documents them: the
 * metrics-specific key wins over the general one; the general endpoint gets {@code /v1/metrics}
 * appended for http/protobuf, the metrics endpoint is used as is.
 */
final class OtlpSettings {
  private OtlpSettings() {}

  static OtlpOptions options(Config config) {
    String protocol = config.get(Settings.OTLP_METRICS_PROTOCOL);
    if (protocol == null) {
      protocol = config.get(Settings.OTLP_PROTOCOL);
    }
    boolean grpc = OtlpOptions.GRPC.equals(protocol);
    java.net.URI metricsEndpoint = config.get(Settings.OTLP_METRICS_ENDPOINT);
    String endpoint;
    if (metricsEndpoint != null) {
      endpoint = metricsEndpoint.toString();
    } else {
      java.net.URI configured = config.get(Settings.OTLP_ENDPOINT);
      String base =
          configured != null
              ? configured.toString()
              : grpc ? "http://localhost:4317" : "http://localhost:4318";
      endpoint = grpc ? base : withoutTrailingSlash(base) + "/v1/metrics";
    }
    Map<String, String> headers = KeyValueList.parse(config, Settings.OTLP_HEADERS);
    headers.putAll(KeyValueList.parse(config, Settings.OTLP_METRICS_HEADERS));
    String temporality = config.get(Settings.TEMPORALITY);
    return new OtlpOptions(
        protocol,
        endpoint,
        headers,
        config.get(Settings.OTLP_TIMEOUT),
        config.get(Settings.OTLP_COMPRESSION),
        !temporality.equals("cumulative"),
        config.get(Settings.HISTOGRAM_AGGREGATION).equals("base2_exponential_bucket_histogram"),
        config.get(Settings.EXPORT_QUEUE));
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
