package dev.hourglass.agent.web.state;

import dev.hourglass.snapshot.Quantiles;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Reads a series' quantiles and copies its values into merge targets in a single pass over its
 * histogram. Interval histograms are packed (sparse) and a pass over one costs far more than over a
 * flat one (about 0.5 ms at 200 distinct values), so each is read once per interval; the merged
 * flat targets are then cheap to read.
 *
 * <p>The quantiles equal {@link Quantiles#reported}: the same ranks, and each bucket's highest
 * equivalent value. Values are copied at that value, which falls in the same bucket of a target
 * with the same precision, so merged quantiles equal those of {@link Histogram#add}.
 */
final class SeriesReader {
  private SeriesReader() {}

  /** Quantiles of {@code micros} in µs ({@link Quantiles#REPORTED} order); adds it to targets. */
  static long[] readAndCopy(Histogram micros, Histogram... targets) {
    long[] values = new long[Quantiles.REPORTED.length];
    long total = micros.getTotalCount();
    if (total == 0) {
      return values;
    }
    int last = values.length - 1;
    long[] ranks = new long[last];
    for (int i = 0; i < last; i++) {
      ranks[i] = Quantiles.rankAtPercentile(Quantiles.REPORTED[i] * 100.0, total);
    }
    int next = 0;
    for (HistogramIterationValue value : micros.recordedValues()) {
      long at = value.getValueIteratedTo();
      while (next < last && value.getTotalCountToThisValue() >= ranks[next]) {
        values[next++] = at;
      }
      for (Histogram target : targets) {
        target.recordValueWithCount(at, value.getCountAtValueIteratedTo());
      }
    }
    values[last] = micros.getMaxValue();
    return values;
  }
}
