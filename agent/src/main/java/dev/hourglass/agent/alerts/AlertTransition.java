package dev.hourglass.agent.alerts;

import java.util.Map;

/** One change of an alert's state, kept in a short history for {@code /api/alerts}. */
public record AlertTransition(
    String id,
    String rule,
    Severity severity,
    Map<String, String> labels,
    AlertState from,
    AlertState to,
    double value,
    String valueText,
    long atEpochMillis) {}
