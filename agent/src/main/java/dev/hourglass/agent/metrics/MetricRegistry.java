package dev.hourglass.agent.metrics;

import dev.hourglass.snapshot.AttributeKey;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every instrument of the agent. Instruments are created at start-up (cold path) and looked up by
 * the hot path through their handles; {@link #collect} is called by the interval clock alone.
 */
public final class MetricRegistry {
  private final int seriesCap;
  private final int evictAfterIdleIntervals;
  private final List<LatencyInstrument> latencies = new CopyOnWriteArrayList<>();
  private final List<CounterInstrument> counters = new CopyOnWriteArrayList<>();
  private final List<GaugeInstrument> gauges = new CopyOnWriteArrayList<>();
  private final CounterInstrument overflows;
  private final CounterInstrument clamped;
  private List<LatencySeries> retiredLatencies = List.of(); // clock thread only
  private List<CounterSeries> retiredCounters = List.of();

  /**
   * @param seriesCap series per instrument before overflow into {@value Instrument#OVERFLOW}
   * @param evictAfterIdleIntervals intervals without data after which a series is dropped
   */
  public MetricRegistry(int seriesCap, int evictAfterIdleIntervals) {
    this.seriesCap = seriesCap;
    this.evictAfterIdleIntervals = evictAfterIdleIntervals;
    this.overflows =
        counter(
            MetricNames.SERIES_OVERFLOW,
            "Lookups that found the instrument's series cap full and went to the _other series",
            "{lookup}",
            AttributeKeys.INSTRUMENT);
    this.clamped =
        counter(
            "hourglass.agent.latency.clamped",
            "Durations longer than one hour, recorded as one hour",
            "{measurement}",
            AttributeKeys.INSTRUMENT);
  }

  public LatencyInstrument latency(String name, String description, AttributeKey... attributes) {
    InstrumentDescriptor descriptor =
        new InstrumentDescriptor(name, description, "s", Kind.LATENCY, List.of(attributes));
    LatencyInstrument instrument =
        new LatencyInstrument(
            descriptor, seriesCap, overflowCounter(name), () -> clamped.series(name).increment());
    latencies.add(instrument);
    return instrument;
  }

  public CounterInstrument counter(
      String name, String description, String unit, AttributeKey... attributes) {
    InstrumentDescriptor descriptor =
        new InstrumentDescriptor(name, description, unit, Kind.COUNTER, List.of(attributes));
    CounterInstrument instrument =
        new CounterInstrument(descriptor, seriesCap, overflowCounter(name));
    counters.add(instrument);
    return instrument;
  }

  public GaugeInstrument gauge(
      String name, String description, String unit, AttributeKey... attributes) {
    InstrumentDescriptor descriptor =
        new InstrumentDescriptor(name, description, unit, Kind.GAUGE, List.of(attributes));
    GaugeInstrument instrument = new GaugeInstrument(descriptor, seriesCap, overflowCounter(name));
    gauges.add(instrument);
    return instrument;
  }

  private Runnable overflowCounter(String instrumentName) {
    // The overflow counter itself is created in the constructor before this field is set.
    return () -> {
      if (overflows != null) {
        overflows.series(instrumentName).increment();
      }
    };
  }

  /**
   * Swaps every recorder once and returns the interval's snapshot. Series evicted last time are
   * drained once more into their live successors, so a record that raced with eviction is reported
   * (one interval late) rather than lost or reported twice. Clock thread only.
   */
  public IntervalSnapshot collect(long sequence, long startEpochNanos, long endEpochNanos) {
    List<LatencyPoint> latencyPoints = new ArrayList<>();
    List<LatencySeries> nowRetiredLatencies = new ArrayList<>();
    for (LatencyInstrument instrument : latencies) {
      for (LatencySeries series : instrument.allSeries()) {
        addIfData(latencyPoints, series.collect(startEpochNanos));
      }
      nowRetiredLatencies.addAll(instrument.evictIdle(evictAfterIdleIntervals));
    }
    for (LatencySeries series : retiredLatencies) {
      series.handOverLateRecords();
    }
    retiredLatencies = nowRetiredLatencies;

    List<CounterPoint> counterPoints = new ArrayList<>();
    List<CounterSeries> nowRetiredCounters = new ArrayList<>();
    for (CounterInstrument instrument : counters) {
      for (CounterSeries series : instrument.allSeries()) {
        addIfData(counterPoints, series.collect(startEpochNanos));
      }
      nowRetiredCounters.addAll(instrument.evictIdle(evictAfterIdleIntervals));
    }
    for (CounterSeries series : retiredCounters) {
      series.handOverLateCounts();
    }
    retiredCounters = nowRetiredCounters;

    List<GaugePoint> gaugePoints = new ArrayList<>();
    for (GaugeInstrument instrument : gauges) {
      for (GaugeSeries series : instrument.allSeries()) {
        GaugePoint point = series.collect(instrument.descriptor());
        if (!Double.isNaN(point.value())) {
          gaugePoints.add(point);
        }
      }
      instrument.evictIdle(evictAfterIdleIntervals);
    }
    return new IntervalSnapshot(
        sequence, startEpochNanos, endEpochNanos, latencyPoints, counterPoints, gaugePoints);
  }

  private static void addIfData(List<LatencyPoint> points, LatencyPoint point) {
    if (point.cumulativeCount() > 0) {
      points.add(point);
    }
  }

  private static void addIfData(List<CounterPoint> points, CounterPoint point) {
    if (point.total() > 0) {
      points.add(point);
    }
  }
}
