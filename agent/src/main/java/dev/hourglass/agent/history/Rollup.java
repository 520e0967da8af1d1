package dev.hourglass.agent.history;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * The step of one resolution being filled: intervals (for the finest resolution) or the finer
 * resolution's finished steps are merged into it until one starts in a later step, which hands back
 * the finished {@link Period}. An interval counts in the step it starts in. Packed histograms keep
 * an idle or narrow series to a few KB. History thread only.
 */
final class Rollup {
  private final Resolution resolution;
  private long stepStart = Long.MIN_VALUE;
  private Map<String, Histogram> latencies = new LinkedHashMap<>();
  private Map<String, ValueSummary> counters = new LinkedHashMap<>();
  private Map<String, ValueSummary> gauges = new LinkedHashMap<>();

  Rollup(Resolution resolution) {
    this.resolution = resolution;
  }

  Resolution resolution() {
    return resolution;
  }

  /**
   * Moves to the step of an interval starting at {@code intervalStartMillis}; returns the step it
   * leaves, or null while the step is the same (or earlier: a clock that stepped back).
   */
  Period advanceTo(long intervalStartMillis) {
    long start = resolution.stepStart(intervalStartMillis);
    if (start <= stepStart) {
      return null;
    }
    Period finished = stepStart == Long.MIN_VALUE ? null : drain();
    stepStart = start;
    return finished;
  }

  void addLatency(String tag, Histogram micros) {
    latencies.computeIfAbsent(tag, key -> new PackedHistogram(3)).add(micros);
  }

  void addCounter(String tag, long delta) {
    counters.computeIfAbsent(tag, key -> new ValueSummary()).add(delta);
  }

  void addGauge(String tag, double value) {
    gauges.computeIfAbsent(tag, key -> new ValueSummary()).add(value);
  }

  /** Merges a finished step of a finer resolution into this one. */
  void addFiner(Period finer) {
    finer.latencies().forEach(this::addLatency);
    finer.counters().forEach(
        (tag, value) -> counters.computeIfAbsent(tag, key -> new ValueSummary()).merge(value));
    finer.gauges().forEach(
        (tag, value) -> gauges.computeIfAbsent(tag, key -> new ValueSummary()).merge(value));
  }

  /** The step filled so far (the shutdown flush), or null when nothing was added. */
  Period drain() {
    Period period = new Period(resolution, stepStart, latencies, counters, gauges);
    latencies = new LinkedHashMap<>();
    counters = new LinkedHashMap<>();
    gauges = new LinkedHashMap<>();
    return period.isEmpty() || stepStart == Long.MIN_VALUE ? null : period;
  }
}
