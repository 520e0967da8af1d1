package dev.hourglass.agent.alerts;

/**
 * What follows an alert's change of state: the transition goes into the history, firing,
 * acknowledgement and resolution are notified, and they count toward the rule's response times
 * (in that order: the notification is handed over before the response-times file is rewritten).
 * Not thread-safe: {@link AlertEngine} holds its lock around every call.
 */
final class AlertChanges {
  private final TransitionHistory history;
  private final AlertNotifications notifications;
  private final RuleResponseTimes responseTimes;

  AlertChanges(
      TransitionHistory history,
      AlertNotifications notifications,
      RuleResponseTimes responseTimes) {
    this.history = history;
    this.notifications = notifications;
    this.responseTimes = responseTimes;
  }

  /** The tracker's step on a new interval moved it from {@code before} to {@code after}. */
  void stepped(
      Rule rule, AlertTracker tracker, AlertState before, AlertState after, long nowNanos) {
    history.record(rule, tracker, before, after, nowNanos);
    if (after == AlertState.FIRING) {
      notifications.changed(rule, tracker, after, nowNanos);
      responseTimes.fired(rule);
    } else if (after == AlertState.RESOLVED) {
      notifications.changed(rule, tracker, after, nowNanos);
      responseTimes.resolved(rule, sinceFiredMillis(tracker, nowNanos));
    }
  }

  /** Someone acknowledged the firing alert. */
  void acknowledged(Rule rule, AlertTracker tracker, long nowNanos) {
    history.record(rule, tracker, AlertState.FIRING, AlertState.ACKNOWLEDGED, nowNanos);
    notifications.changed(rule, tracker, AlertState.ACKNOWLEDGED, nowNanos);
    responseTimes.acknowledged(rule, sinceFiredMillis(tracker, nowNanos));
  }

  /** The alert's state did not change: escalate it or remind of it when either is due. */
  void unchanged(Rule rule, AlertTracker tracker, long nowNanos) {
    if (tracker.escalationDue(rule, nowNanos)) {
      notifications.escalation(rule, tracker, nowNanos);
    } else if (tracker.remindDue(rule, nowNanos)) {
      notifications.reminder(rule, tracker, nowNanos);
    }
  }

  private static long sinceFiredMillis(AlertTracker tracker, long nowNanos) {
    return (nowNanos - tracker.firedNanos()) / 1_000_000;
  }
}
