package dev.hourglass.snapshot;

import java.util.List;

/**
 * Everything measured in one export interval, published once by the interval clock and shared by
 * every consumer (OTLP, console, Prometheus, dashboard, alerts). Immutable once published: no
 * consumer may modify it or its histograms.
 */
public record IntervalSnapshot(
    long sequence,
    long startEpochNanos,
    long endEpochNanos,
    List<LatencyPoint> latencies,
    List<CounterPoint> counters,
    List<GaugePoint> gauges) {

  public IntervalSnapshot {
    latencies = List.copyOf(latencies);
    counters = List.copyOf(counters);
    gauges = List.copyOf(gauges);
  }

  /** Interval length in seconds. */
  public double seconds() {
    return (endEpochNanos - startEpochNanos) / 1e9;
  }
}
