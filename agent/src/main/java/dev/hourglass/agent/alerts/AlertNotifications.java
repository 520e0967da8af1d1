package dev.hourglass.agent.alerts;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns an alert's state, reminder or escalation into an {@link AlertEvent} for the notification
 * sink, addressed to the rule's notifiers, its escalation set, or both. Called on the evaluating
 * thread (or the acknowledging one) under {@link AlertEngine}'s lock; the sink must not block.
 */
final class AlertNotifications {
  private final Consumer<AlertEvent> sink;
  private final String service;

  AlertNotifications(Consumer<AlertEvent> sink, String service) {
    this.sink = sink;
    this.service = service;
  }

  /** The alert now is {@code status}: fired, acknowledged or resolved. */
  void changed(Rule rule, AlertTracker tracker, AlertState status, long nowNanos) {
    send(rule, tracker, status, false, false, nowNanos);
  }

  /** The alert still fires and the rule's reminder interval has passed. */
  void reminder(Rule rule, AlertTracker tracker, long nowNanos) {
    send(rule, tracker, AlertState.FIRING, true, false, nowNanos);
  }

  /** The alert still fires and nobody acknowledged it within the rule's escalation time. */
  void escalation(Rule rule, AlertTracker tracker, long nowNanos) {
    send(rule, tracker, AlertState.FIRING, false, true, nowNanos);
  }

  private void send(
      Rule rule,
      AlertTracker tracker,
      AlertState status,
      boolean reminder,
      boolean escalation,
      long nowNanos) {
    sink.accept(
        new AlertEvent(
            tracker.id,
            rule,
            tracker.labels,
            status,
            reminder,
            tracker.value(),
            tracker.firedNanos() / 1_000_000,
            nowNanos / 1_000_000,
            service,
            audience(rule, tracker, escalation),
            escalation,
            tracker.acknowledgedBy()));
  }

  /**
   * The escalation goes to the second set only; once escalated, every later event of the incident
   * (reminders, acknowledgement, resolution) goes to both sets, so the second set can close what
   * it was told about.
   */
  private static List<String> audience(Rule rule, AlertTracker tracker, boolean escalation) {
    if (escalation) {
      return rule.escalateTo();
    }
    if (rule.notifiers().isEmpty() || !tracker.escalated()) {
      return rule.notifiers();
    }
    Set<String> both = new LinkedHashSet<>(rule.notifiers());
    both.addAll(rule.escalateTo());
    return List.copyOf(both);
  }
}
