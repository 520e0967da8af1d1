package dev.hourglass.agent.metrics;

import dev.hourglass.snapshot.BucketBoundaries;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.Quantiles;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One latency series: packed HdrHistogram recorders in microseconds at 3 significant digits.
 *
 * <p>Recording takes no lock and allocates nothing once the histogram has grown to the series'
 * range: any number of threads record through a {@link StripedRecorder}. The interval clock's
 * thread alone takes the interval's histogram ({@link #collect}). Packed (sparse) histograms keep
 * an idle or narrow series to a few KB instead of the ~190 KB a flat 1 µs–1 h histogram costs;
 * values above {@link #MAX_MICROS} are clamped and counted.
 */
public final class LatencySeries extends Series {
  /** One hour: longer durations are recorded as one hour and counted as clamped. */
  static final long MAX_MICROS = 3_600_000_000L;

  private final LatencyInstrument instrument;
  private final Runnable onClamp;
  private final StripedRecorder recorder = new StripedRecorder();
  private final long[] cumulativeBuckets = new long[BucketBoundaries.SECONDS.length + 1];
  private long cumulativeCount; // clock thread only, like the sums below
  private double cumulativeSumSeconds;
  private long cumulativeStartEpochNanos = -1;

  LatencySeries(LatencyInstrument instrument, SeriesKey key, Runnable onClamp) {
    super(key);
    this.instrument = instrument;
    this.onClamp = onClamp;
  }

  /** Records one duration. Negative durations (a clock that stepped back) count as zero. */
  public void recordNanos(long nanos) {
    if (retired()) {
      instrument.resolve(key()).recordNanos(nanos);
      return;
    }
    long micros = nanos < 0 ? 0 : nanos / 1000;
    if (micros > MAX_MICROS) {
      micros = MAX_MICROS;
      onClamp.run();
    }
    recorder.record(micros, 1);
  }

  /**
   * For a retired series: moves records that raced with its eviction into the live series of the
   * same key, where the next interval reports them. Clock thread only.
   */
  void handOverLateRecords() {
    Histogram late = recorder.intervalHistogram();
    if (late.getTotalCount() == 0) {
      return;
    }
    LatencySeries live = instrument.resolve(key());
    for (HistogramIterationValue value : late.recordedValues()) {
      live.recorder.record(value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
    }
  }

  /** Swaps the recorder and returns the interval's point. Clock thread only. */
  LatencyPoint collect(long intervalStartEpochNanos) {
    Histogram interval = recorder.intervalHistogram();
    long count = interval.getTotalCount();
    if (cumulativeStartEpochNanos < 0) {
      cumulativeStartEpochNanos = intervalStartEpochNanos;
    }
    if (count > 0) {
      cumulativeCount += count;
      cumulativeSumSeconds += Quantiles.sumSeconds(interval);
      BucketBoundaries.addCounts(interval, cumulativeBuckets);
    }
    markInterval(count > 0);
    return new LatencyPoint(
        instrument.descriptor(),
        attributeValues(),
        interval,
        cumulativeCount,
        cumulativeSumSeconds,
        cumulativeBuckets.clone(),
        cumulativeStartEpochNanos);
  }
}
