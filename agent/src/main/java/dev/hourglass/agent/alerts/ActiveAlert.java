package dev.hourglass.agent.alerts;

import java.util.Map;

/**
 * An alert that is pending, firing or acknowledged, as {@code /api/alerts} and the dashboard show
 * it.
 *
 * @param id stable across restarts: derived from the rule name and the labels
 * @param labels the group's {@code by} attribute values; empty for an overall rule
 * @param value the signal's latest value in the rule's unit; {@code valueText} for people
 * @param sinceEpochMillis when the alert entered its current state
 * @param firedEpochMillis when the alert started firing; 0 while pending
 * @param acknowledgedBy who acknowledged it (then {@code sinceEpochMillis} is when), or null
 * @param escalated whether the rule's second set of notifiers has been told
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
    long sinceEpochMillis,
    long firedEpochMillis,
    String acknowledgedBy,
    boolean escalated) {}
