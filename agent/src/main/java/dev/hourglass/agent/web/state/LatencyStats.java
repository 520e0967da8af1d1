package dev.hourglass.agent.web.state;

import dev.hourglass.snapshot.Quantiles;
import org.HdrHistogram.Histogram;

/**
 * One latency series (or a merge of several) over one interval, in milliseconds. The quantiles are
 * the values {@link Quantiles} reads for OTLP and Prometheus (the same microseconds, read in one
 * pass by {@link Quantiles#reported}).
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
    return of(micros.getTotalCount(), Quantiles.reported(micros), errors, seconds);
  }

  /** From quantiles already read: {@code values} in µs, in {@link Quantiles#REPORTED} order. */
  static LatencyStats of(long count, long[] values, long errors, double seconds) {
    if (count == 0) {
      return EMPTY;
    }
    return new LatencyStats(
        count,
        errors,
        seconds > 0 ? count / seconds : 0,
        millis(values[0]),
        millis(values[1]),
        millis(values[2]),
        millis(values[3]),
        millis(values[4]));
  }

  public double errorPercent() {
    return count == 0 ? 0 : errors * 100.0 / count;
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }

  /** Milliseconds rounded to 3 decimals, so values read as the integer microseconds recorded. */
  public static double roundMicros(double millis) {
    return Math.round(millis * 1000) / 1000.0;
  }
}
