package dev.hourglass.agent.history;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One finished step of one resolution: every series' merged histogram (microseconds) and every
 * counter's and gauge's summary, keyed by {@link SeriesTag} text.
 */
record Period(
    Resolution resolution,
    long startMillis,
    Map<String, Histogram> latencies,
    Map<String, ValueSummary> counters,
    Map<String, ValueSummary> gauges) {

  long endMillis() {
    return startMillis + resolution.stepMillis();
  }

  boolean isEmpty() {
    return latencies.isEmpty() && counters.isEmpty() && gauges.isEmpty();
  }
}
