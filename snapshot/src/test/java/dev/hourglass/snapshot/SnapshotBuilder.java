package dev.hourglass.snapshot;

import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * Builds interval snapshots from real HdrHistograms for the tests of every consumer (exporters,
 * dashboard, alerts). Interval {@code n} is 10 s long and ends {@code n × 10 s} after the epoch.
 */
public final class SnapshotBuilder {
  public static final long INTERVAL_NANOS = 10_000_000_000L;

  /** The agent's server-request instrument, with its attributes in the agent's order. */
  public static final InstrumentDescriptor SERVER =
      new InstrumentDescriptor(
          MetricNames.HTTP_SERVER_REQUEST_DURATION,
          "Duration of HTTP server requests",
          "s",
          Kind.LATENCY,
          List.of(
              AttributeKeys.HTTP_REQUEST_METHOD,
              AttributeKeys.HTTP_ROUTE,
              AttributeKeys.HTTP_RESPONSE_STATUS_CODE,
              AttributeKeys.ERROR_TYPE));

  /** A database instrument with the attributes consumers read: system, operation, text, error. */
  public static final InstrumentDescriptor DB =
      new InstrumentDescriptor(
          MetricNames.DB_CLIENT_OPERATION_DURATION,
          "Duration of database operations",
          "s",
          Kind.LATENCY,
          List.of(
              AttributeKeys.DB_SYSTEM_NAME,
              AttributeKeys.DB_OPERATION_NAME,
              AttributeKeys.DB_QUERY_TEXT,
              AttributeKeys.ERROR_TYPE));

  public static final InstrumentDescriptor OVERFLOW =
      new InstrumentDescriptor(
          MetricNames.SERIES_OVERFLOW,
          "Overflow",
          "{lookup}",
          Kind.COUNTER,
          List.of(AttributeKeys.INSTRUMENT));

  private final long sequence;
  private final List<LatencyPoint> latencies = new ArrayList<>();
  private final List<CounterPoint> counters = new ArrayList<>();
  private final List<GaugePoint> gauges = new ArrayList<>();

  private SnapshotBuilder(long sequence) {
    this.sequence = sequence;
  }

  public static SnapshotBuilder interval(long sequence) {
    return new SnapshotBuilder(sequence);
  }

  /** End of interval {@code sequence}, epoch millis. */
  public static long endMillis(long sequence) {
    return sequence * INTERVAL_NANOS / 1_000_000;
  }

  /** A descriptor of {@code kind} named {@code name} with string attributes. */
  public static InstrumentDescriptor instrument(Kind kind, String name, String... attributeNames) {
    List<AttributeKey> keys = new ArrayList<>();
    for (String attribute : attributeNames) {
      keys.add(AttributeKey.string(attribute));
    }
    return new InstrumentDescriptor(name, "", kind == Kind.LATENCY ? "s" : "1", kind, keys);
  }

  /** {@code count} GET requests to {@code route} answering {@code status}, each taking {@code millis}. */
  public SnapshotBuilder requests(String route, int status, int count, long millis) {
    String statusText = Integer.toString(status);
    return repeated(
        SERVER, List.of("GET", route, statusText, status >= 500 ? statusText : ""), count, millis);
  }

  /** {@code count} values of {@code millis} each in this interval, none before. */
  public SnapshotBuilder repeated(
      InstrumentDescriptor instrument, List<String> attributes, int count, long millis) {
    Histogram interval = newIntervalHistogram();
    interval.recordValueWithCount(millis * 1000, count);
    return point(instrument, attributes, interval, 0, 0);
  }

  /** The values {@code micros} (each once) in this interval, none before. */
  public SnapshotBuilder latency(
      InstrumentDescriptor instrument, List<String> attributes, long... micros) {
    return latencyAfter(instrument, attributes, 0, 0, micros);
  }

  /**
   * The values {@code micros} in this interval, after {@code earlierCount} values summing to {@code
   * earlierSumSeconds} in earlier intervals (counted in the first bucket).
   */
  public SnapshotBuilder latencyAfter(
      InstrumentDescriptor instrument,
      List<String> attributes,
      long earlierCount,
      double earlierSumSeconds,
      long... micros) {
    Histogram interval = newIntervalHistogram();
    for (long value : micros) {
      interval.recordValue(value);
    }
    return point(instrument, attributes, interval, earlierCount, earlierSumSeconds);
  }

  private SnapshotBuilder point(
      InstrumentDescriptor instrument,
      List<String> attributes,
      Histogram interval,
      long earlierCount,
      double earlierSumSeconds) {
    long[] buckets = new long[BucketBoundaries.SECONDS.length + 1];
    BucketBoundaries.addCounts(interval, buckets);
    buckets[0] += earlierCount;
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

  public SnapshotBuilder counter(
      InstrumentDescriptor instrument, List<String> attributes, long delta, long total) {
    counters.add(new CounterPoint(instrument, attributes, delta, total, 0));
    return this;
  }

  public SnapshotBuilder gauge(InstrumentDescriptor instrument, List<String> attributes, double value) {
    gauges.add(new GaugePoint(instrument, attributes, value));
    return this;
  }

  public IntervalSnapshot build() {
    long end = sequence * INTERVAL_NANOS;
    return new IntervalSnapshot(sequence, end - INTERVAL_NANOS, end, latencies, counters, gauges);
  }

  /** Values 1 … n ms in µs: quantiles are exact below 2,048 µs and within 0.1 % above. */
  public static long[] millisOneTo(int n) {
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = (i + 1) * 1000L;
    }
    return values;
  }

  /** What the Recorder of a series hands out: auto-resizing, packed, 3 significant digits. */
  private static Histogram newIntervalHistogram() {
    return new PackedHistogram(3);
  }
}
