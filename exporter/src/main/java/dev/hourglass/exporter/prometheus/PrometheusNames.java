package dev.hourglass.exporter.prometheus;

import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.MetricNames;

/**
 * Prometheus names for the agent's instruments, following OpenTelemetry's Prometheus compatibility
 * rules so that {@code /metrics} and an OTLP → Prometheus pipeline produce the same names:
 *
 * <ul>
 *   <li>dots and other invalid characters become underscores;
 *   <li>the unit is appended as a word ({@code s} → {@code _seconds}, {@code By} → {@code _bytes},
 *       {@code 1} → {@code _ratio}); annotations such as {@code {request}} are dropped;
 *   <li>monotonic counters end in {@code _total}.
 * </ul>
 *
 * So {@code http.server.request.duration} (unit {@code s}) is {@code
 * http_server_request_duration_seconds}, and its exact-quantile summary {@code
 * http.server.request.duration.quantiles} is {@code http_server_request_duration_quantiles_seconds}.
 */
public final class PrometheusNames {
  private PrometheusNames() {}

  /** The metric family name, without {@code _total} (OpenMetrics adds that to counter samples). */
  public static String family(InstrumentDescriptor instrument) {
    return withUnit(sanitize(instrument.name()), instrument.unit());
  }

  /** The summary family carrying the exact per-interval quantiles of a latency instrument. */
  public static String quantilesFamily(InstrumentDescriptor instrument) {
    return withUnit(
        sanitize(instrument.name() + MetricNames.QUANTILES_SUFFIX), instrument.unit());
  }

  /** A label name: {@code http.route} → {@code http_route}. */
  public static String label(String attributeName) {
    String label = sanitize(attributeName);
    return label.startsWith("__") ? "_" + label.substring(2) : label;
  }

  static String withUnit(String name, String unit) {
    String word = unitWord(unit);
    if (word.isEmpty() || name.endsWith("_" + word)) {
      return name;
    }
    return name + "_" + word;
  }

  static String unitWord(String unit) {
    if (unit == null || unit.isEmpty() || unit.startsWith("{")) {
      return "";
    }
    return switch (unit) {
      case "s" -> "seconds";
      case "ms" -> "milliseconds";
      case "By" -> "bytes";
      case "1" -> "ratio";
      case "%" -> "percent";
      default -> sanitize(unit);
    };
  }

  /** Replaces every character outside {@code [a-zA-Z0-9_:]} with {@code _}; no leading digit. */
  static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length() + 1);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean valid =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
              || (c >= '0' && c <= '9' && i > 0);
      if (c >= '0' && c <= '9' && i == 0) {
        out.append('_').append(c);
      } else {
        out.append(valid ? c : '_');
      }
    }
    return out.toString();
  }
}
