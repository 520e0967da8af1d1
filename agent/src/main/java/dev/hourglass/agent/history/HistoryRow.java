package dev.hourglass.agent.history;

import java.util.Map;

/**
 * One series (or metric) over one step of an answer: exact quantiles of every value recorded in the
 * step, to HdrHistogram's precision.
 *
 * @param id the {@link SeriesId}, or the metric name when grouped by metric
 * @param attributes the series' attributes; empty when grouped by metric
 * @param quantilesMicros p50, p95, p99, p99.9 and max, in µs ({@link
 *     dev.hourglass.snapshot.Quantiles#REPORTED})
 */
public record HistoryRow(
    long startMillis,
    long stepMillis,
    String id,
    String metric,
    Map<String, String> attributes,
    long count,
    long errors,
    long[] quantilesMicros) {}
