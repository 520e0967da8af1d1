package dev.hourglass.agent.web.state;

import java.util.Map;

/**
 * One latency series of any instrument: its attributes (empty values left out) and its numbers.
 */
public record SeriesRow(
    String metric, Map<String, String> attributes, LatencyStats interval, TotalStats total) {}
