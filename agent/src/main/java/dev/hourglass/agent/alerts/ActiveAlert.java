package dev.hourglass.agent.alerts;

import java.util.Map;

/**
 * An alert that is pending or firing, as {@code /api/alerts} and the dashboard show it.
 *
 * @param id stable across restarts: derived from the rule name and the labels
 * @param labels the group's {@code by} attribute values; empty for an overall rule
 * @param value the signal's latest value in the rule's unit; {@code valueText} for people
 * @param sinceEpochMillis when the alert entered its current state
 */
public record ActiveAlert(
    String id,
    String rule,
    Severity severity,
    AlertState state,
    Map<String, String> labels,
    double value,
    String valueText,
    String condition,
    long sinceEpochMillis) {}
