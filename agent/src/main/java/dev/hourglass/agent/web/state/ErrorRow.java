package dev.hourglass.agent.web.state;

import java.util.Map;

/**
 * A failing series: requests or calls that ended with an {@code error.type} (an exception class or
 * a 5xx status), with where they happened.
 */
public record ErrorRow(
    String metric,
    String type,
    Map<String, String> attributes,
    long intervalCount,
    long totalCount,
    long lastSeenEpochMillis) {}
