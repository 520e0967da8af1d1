package dev.hourglass.agent.history;

import java.util.Map;

/**
 * One series (or metric) over one step of an answer. A latency histogram's row has the exact
 * quantiles of every value recorded in the step, to HdrHistogram's precision; a counter's or
 * gauge's row has what {@code .values} keeps of it.
 *
 * @param id the {@link SeriesId}, or the metric name when grouped by metric
 * @param attributes the series' attributes; empty when grouped by metric
 * @param count a histogram's values, a counter's increase over the step, a gauge's samples
 * @param errors a histogram's values of failed calls; 0 for counters and gauges
 * @param quantilesMicros a histogram's p50, p95, p99, p99.9 and max, in µs ({@link
 *     dev.hourglass.snapshot.Quantiles#REPORTED}); null for counters and gauges
 * @param values a counter's or gauge's summary; null for histograms
 */
public record HistoryRow(
    long startMillis,
    long stepMillis,
    String id,
    String metric,
    Map<String, String> attributes,
    Kind kind,
    long count,
    long errors,
    long[] quantilesMicros,
    StepValues values) {

  /** What kind of series a row is. */
  public enum Kind {
    HISTOGRAM,
    COUNTER,
    GAUGE
  }

  /**
   * A counter's or gauge's step: the intervals it was seen in, the sum, smallest, largest and last
   * value. Grouped by metric, each is summed over the metric's series (e.g. every memory pool).
   */
  public record StepValues(long samples, double sum, double min, double max, double last) {
    public double mean() {
      return samples == 0 ? 0 : sum / samples;
    }
  }
}
