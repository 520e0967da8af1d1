package dev.hourglass.exporter.prometheus;

import java.util.Locale;

/** The two exposition formats {@code /metrics} serves, chosen from the scraper's Accept header. */
public enum PrometheusFormat {
  /** Prometheus text format 0.0.4, the default. */
  TEXT("text/plain; version=0.0.4; charset=utf-8"),
  /** OpenMetrics 1.0.0: counters' families lose {@code _total}, {@code # UNIT}, {@code # EOF}. */
  OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

  private final String contentType;

  PrometheusFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** OpenMetrics when the Accept header lists it (Prometheus does so by default), else text. */
  public static PrometheusFormat negotiate(String accept) {
    if (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")) {
      return OPENMETRICS;
    }
    return TEXT;
  }
}
