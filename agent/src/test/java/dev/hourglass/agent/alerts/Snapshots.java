package dev.hourglass.agent.alerts;

import dev.hourglass.snapshot.BucketBoundaries;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Builds interval snapshots from real HdrHistograms, one 10 s interval per sequence number. */
final class Snapshots {
  /** 2023-11-14T22:13:20Z, the end of interval 0. */
  static final long T0_NANOS = 1_700_000_000L * 1_000_000_000L;
  static final long INTERVAL_NANOS = 10_000_000_000L;

  static final InstrumentDescriptor HTTP =
      new InstrumentDescriptor(
          "http.server.request.duration",
          "",
          "s",
          Kind.LATENCY,
          List.of("http.request.method", "http.route", "http.response.status_code", "error.type"));
  static final InstrumentDescriptor DB =
      new InstrumentDescriptor(
          "db.client.operation.duration",
          "",
          "s",
          Kind.LATENCY,
          List.of("db.system.name", "db.operation.name", "db.query.text", "error.type"));

  private final long sequence;
  private final List<LatencyPoint> latencies = new ArrayList<>();
  private final List<CounterPoint> counters = new ArrayList<>();
  private final List<GaugePoint> gauges = new ArrayList<>();

  private Snapshots(long sequence) {
    this.sequence = sequence;
  }

  static Snapshots interval(long sequence) {
    return new Snapshots(sequence);
  }

  /** End of interval {@code sequence}, epoch millis. */
  static long endMillis(long sequence) {
    return (T0_NANOS + sequence * INTERVAL_NANOS) / 1_000_000;
  }

  /** {@code count} GET requests to {@code route} answering {@code status}, each taking {@code millis}. */
  Snapshots requests(String route, int status, int count, long millis) {
    return latency(
        HTTP, List.of("GET", route, Integer.toString(status), status >= 500 ? "500" : ""), count, millis);
  }

  Snapshots latency(InstrumentDescriptor instrument, List<String> attributes, int count, long millis) {
    Histogram histogram = new Histogram(3);
    histogram.recordValueWithCount(millis * 1000, count);
    long[] buckets = new long[BucketBoundaries.SECONDS.length + 1];
    BucketBoundaries.addCounts(histogram, buckets);
    latencies.add(
        new LatencyPoint(instrument, attributes, histogram, count, count * millis / 1000.0, buckets, 0));
    return this;
  }

  Snapshots gauge(String name, List<String> attributeNames, List<String> values, double value) {
    gauges.add(
        new GaugePoint(
            new InstrumentDescriptor(name, "", "1", Kind.GAUGE, attributeNames), values, value));
    return this;
  }

  Snapshots counter(String name, long delta, long total) {
    counters.add(
        new CounterPoint(
            new InstrumentDescriptor(name, "", "1", Kind.COUNTER, List.of()), List.of(), delta, total, 0));
    return this;
  }

  IntervalSnapshot build() {
    long end = T0_NANOS + sequence * INTERVAL_NANOS;
    return new IntervalSnapshot(sequence, end - INTERVAL_NANOS, end, latencies, counters, gauges);
  }
}
