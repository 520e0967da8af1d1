package dev.hourglass.agent.web;

import dev.hourglass.snapshot.BucketBoundaries;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.Quantiles;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/** Builds interval snapshots with known values for the web tests. */
public final class Snapshots {
  public static final InstrumentDescriptor SERVER =
      new InstrumentDescriptor(
          "http.server.request.duration",
          "Duration of HTTP server requests",
          "s",
          Kind.LATENCY,
          List.of("http.request.method", "http.route", "http.response.status_code", "error.type"));
  public static final InstrumentDescriptor DB =
      new InstrumentDescriptor(
          "db.client.operation.duration",
          "Duration of database operations",
          "s",
          Kind.LATENCY,
          List.of("db.system.name", "db.operation.name", "error.type"));
  public static final InstrumentDescriptor OVERFLOW =
      new InstrumentDescriptor(
          "hourglass.agent.series.overflow", "Overflow", "{lookup}", Kind.COUNTER, List.of("instrument"));

  private final List<LatencyPoint> latencies = new ArrayList<>();
  private final List<CounterPoint> counters = new ArrayList<>();

  /**
   * A series whose interval holds {@code micros} (each value once) and whose totals are this
   * interval plus {@code earlierCount} values before, summing to {@code earlierSumSeconds}.
   */
  public Snapshots latency(
      InstrumentDescriptor instrument,
      List<String> attributes,
      long earlierCount,
      double earlierSumSeconds,
      long... micros) {
    // What the Recorder of a LatencySeries hands out: auto-resizing, packed.
    Histogram interval = new PackedHistogram(3);
    for (long value : micros) {
      interval.recordValue(value);
    }
    long[] buckets = new long[BucketBoundaries.SECONDS.length + 1];
    BucketBoundaries.addCounts(interval, buckets);
    buckets[0] += earlierCount; // where the earlier values fell does not matter to these tests
    latencies.add(
        new LatencyPoint(
            instrument,
            attributes,
            interval,
            earlierCount + interval.getTotalCount(),
            earlierSumSeconds + Quantiles.sumSeconds(interval),
            buckets,
            0));
    return this;
  }

  public Snapshots counter(InstrumentDescriptor instrument, List<String> attributes, long total) {
    counters.add(new CounterPoint(instrument, attributes, 0, total, 0));
    return this;
  }

  /** An interval of 10 s ending at {@code sequence * 10 s} after the epoch. */
  public IntervalSnapshot build(long sequence) {
    long end = sequence * 10_000_000_000L;
    return new IntervalSnapshot(
        sequence, end - 10_000_000_000L, end, latencies, counters, List.of());
  }

  /** Values 1 … n ms in µs: quantiles are exact below 2,048 µs and within 0.1 % above. */
  public static long[] millisOneTo(int n) {
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = (i + 1) * 1000L;
    }
    return values;
  }
}
