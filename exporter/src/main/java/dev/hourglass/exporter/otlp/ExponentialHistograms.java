package dev.hourglass.exporter.otlp;

import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.Quantiles;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramPointData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Re-buckets HdrHistograms into OpenTelemetry base-2 exponential histograms, at the finest scale
 * (at most 20) that fits the recorded range in {@value #MAX_BUCKETS} buckets, the SDK's default.
 *
 * <p>For cumulative temporality it keeps one running histogram per series, dropping series that
 * leave the snapshots. Exporter thread only.
 */
final class ExponentialHistograms {
  static final int MAX_BUCKETS = 160;
  private static final int MAX_SCALE = 20;

  private final Map<List<Object>, Histogram> cumulative = new HashMap<>();
  private final Map<List<Object>, Boolean> seenThisRound = new HashMap<>();

  ExponentialHistogramPointData point(
      LatencyPoint point, Attributes attributes, long start, long end, boolean delta) {
    Histogram micros = point.interval();
    if (!delta) {
      List<Object> key = List.of(point.instrument().name(), point.attributeValues());
      Histogram running = cumulative.get(key);
      if (running == null) {
        running = micros.copy();
        cumulative.put(key, running);
      } else {
        running.add(micros);
      }
      seenThisRound.put(key, Boolean.TRUE);
      micros = running;
    }
    return toPoint(micros, attributes, start, end);
  }

  /** Forgets cumulative state of series absent from the last snapshot. */
  void endRound() {
    cumulative.keySet().retainAll(seenThisRound.keySet());
    seenThisRound.clear();
  }

  static ExponentialHistogramPointData toPoint(
      Histogram micros, Attributes attributes, long start, long end) {
    long zeroCount = micros.getCountAtValue(0);
    long count = micros.getTotalCount();
    List<Long> counts = Collections.emptyList();
    int scale = 0;
    int offset = 0;
    if (count > zeroCount) {
      double min = Math.max(micros.getMinNonZeroValue(), 1) / 1e6;
      double max = micros.getMaxValue() / 1e6;
      scale = scaleFor(min, max);
      offset = index(min, scale);
      long[] buckets = new long[index(max, scale) - offset + 1];
      for (HistogramIterationValue value : micros.recordedValues()) {
        long at = value.getValueIteratedTo();
        if (at == 0) {
          continue;
        }
        double seconds = micros.medianEquivalentValue(at) / 1e6;
        int slot = Math.min(Math.max(index(seconds, scale) - offset, 0), buckets.length - 1);
        buckets[slot] += value.getCountAtValueIteratedTo();
      }
      counts = new ArrayList<>(buckets.length);
      for (long bucket : buckets) {
        counts.add(bucket);
      }
    }
    boolean any = count > 0;
    return ImmutableExponentialHistogramPointData.create(
        scale,
        Quantiles.sumSeconds(micros),
        zeroCount,
        any,
        any ? micros.getMinValue() / 1e6 : 0,
        any,
        any ? micros.getMaxValue() / 1e6 : 0,
        ImmutableExponentialHistogramBuckets.create(scale, offset, counts),
        ImmutableExponentialHistogramBuckets.create(scale, 0, Collections.emptyList()),
        start,
        end,
        attributes,
        Collections.emptyList());
  }

  /** The finest scale at which [min, max] spans at most {@link #MAX_BUCKETS} buckets. */
  static int scaleFor(double min, double max) {
    for (int scale = MAX_SCALE; scale > -10; scale--) {
      if (index(max, scale) - index(min, scale) + 1 <= MAX_BUCKETS) {
        return scale;
      }
    }
    return -10;
  }

  /** The bucket holding {@code value}: bucket i covers (base^i, base^(i+1)], base = 2^(2^-scale). */
  static int index(double value, int scale) {
    return (int) Math.ceil(Math.scalb(Math.log(value) / Math.log(2), scale)) - 1;
  }
}
