package dev.hourglass.agent.web.state;

import dev.hourglass.exporter.snapshot.Quantiles;
import org.HdrHistogram.Histogram;

/**
 * One latency series (or a merge of several) over one interval, in milliseconds. The quantiles are
 * read with {@link Quantiles}, exactly as OTLP and Prometheus report them, rounded to the
 * microsecond the histograms record.
 */
public record LatencyStats(
    long count,
    long errors,
    double ratePerSecond,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    double p999Millis,
    double maxMillis) {

  public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0);

  /** Reads a histogram in microseconds that covered {@code seconds}; {@code errors} ≤ its count. */
  public static LatencyStats of(Histogram micros, long errors, double seconds) {
    long count = micros.getTotalCount();
    if (count == 0) {
      return EMPTY;
    }
    return new LatencyStats(
        count,
        errors,
        seconds > 0 ? count / seconds : 0,
        millis(micros, 0.5),
        millis(micros, 0.95),
        millis(micros, 0.99),
        millis(micros, 0.999),
        millis(micros, 1.0));
  }

  public double errorPercent() {
    return count == 0 ? 0 : errors * 100.0 / count;
  }

  private static double millis(Histogram micros, double quantile) {
    return roundMicros(Quantiles.seconds(micros, quantile) * 1000);
  }

  /** Milliseconds rounded to 3 decimals, so values read as the integer microseconds recorded. */
  public static double roundMicros(double millis) {
    return Math.round(millis * 1000) / 1000.0;
  }
}
