package dev.hourglass.exporter.snapshot;

import org.HdrHistogram.Histogram;

/** The exact quantiles every consumer reports, read the same way from an interval histogram. */
public final class Quantiles {
  /** Reported quantiles; 1.0 is the maximum. */
  public static final double[] REPORTED = {0.5, 0.95, 0.99, 0.999, 1.0};

  private Quantiles() {}

  /** The value at {@code quantile} (0..1) of a histogram in microseconds, in seconds. */
  public static double seconds(Histogram micros, double quantile) {
    // Both report the highest value equivalent to the bucket, as HdrHistogram does throughout.
    long value =
        quantile >= 1.0 ? micros.getMaxValue() : micros.getValueAtPercentile(quantile * 100.0);
    return value / 1e6;
  }

  /** Sum of the recorded values in seconds, within the histogram's precision. */
  public static double sumSeconds(Histogram micros) {
    return micros.getMean() * micros.getTotalCount() / 1e6;
  }
}
