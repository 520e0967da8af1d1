package dev.hourglass.snapshot;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The explicit histogram bucket boundaries, in seconds: the OpenTelemetry semantic-convention
 * advice for HTTP and database durations (5 ms … 10 s), so histograms aggregate across instances
 * and across agents.
 */
public final class BucketBoundaries {
  public static final double[] SECONDS = {
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10
  };
  private static final long[] MICROS = new long[SECONDS.length];

  static {
    for (int i = 0; i < SECONDS.length; i++) {
      MICROS[i] = Math.round(SECONDS[i] * 1_000_000);
    }
  }

  private BucketBoundaries() {}

  /**
   * Adds the histogram's counts (values in microseconds) into {@code counts}, one slot per bucket
   * {@code (previous boundary, boundary]} plus a last overflow slot. A value sits in the bucket of
   * the lowest value it is equivalent to at the histogram's precision.
   */
  public static void addCounts(Histogram micros, long[] counts) {
    for (HistogramIterationValue value : micros.recordedValues()) {
      long lowest = micros.lowestEquivalentValue(value.getValueIteratedTo());
      counts[bucketOf(lowest)] += value.getCountAtValueIteratedTo();
    }
  }

  static int bucketOf(long micros) {
    for (int i = 0; i < MICROS.length; i++) {
      if (micros <= MICROS[i]) {
        return i;
      }
    }
    return MICROS.length;
  }
}
