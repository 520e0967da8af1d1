package dev.hourglass.agent.web.state;

import java.util.Map;

/** One interval in the history: every latency metric merged, and the JVM's state. */
public record HistoryPoint(
    long sequence,
    long endEpochMillis,
    double seconds,
    Map<String, LatencyStats> totals,
    RuntimeSample runtime) {}
