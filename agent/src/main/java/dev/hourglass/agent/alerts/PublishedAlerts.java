package dev.hourglass.agent.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What {@link AlertsView} answers, immutable: built under {@link AlertEngine}'s lock at the end of
 * each change and read by any thread through a volatile field.
 */
record PublishedAlerts(
    List<ActiveAlert> active,
    List<AlertTransition> transitions,
    long evaluatedEpochMillis,
    Map<String, ResponseTimes> responseTimes) {

  /** Firing first, then acknowledged, then pending; critical before warning within each. */
  private static final Comparator<ActiveAlert> ORDER =
      Comparator.comparing((ActiveAlert alert) -> alert.state() != AlertState.FIRING)
          .thenComparing(alert -> !alert.state().firing())
          .thenComparing(alert -> alert.severity() != Severity.CRITICAL);

  static PublishedAlerts of(
      List<Rule> rules,
      AlertTrackers trackers,
      TransitionHistory history,
      long evaluatedNanos,
      RuleResponseTimes responseTimes) {
    List<ActiveAlert> active = new ArrayList<>();
    for (Rule rule : rules) {
      for (AlertTracker tracker : trackers.of(rule).values()) {
        active.add(active(rule, tracker));
      }
    }
    active.sort(ORDER);
    return new PublishedAlerts(
        List.copyOf(active), history.copy(), evaluatedNanos / 1_000_000, responseTimes.copy());
  }

  private static ActiveAlert active(Rule rule, AlertTracker tracker) {
    return new ActiveAlert(
        tracker.id,
        rule.name(),
        rule.severity(),
        tracker.state(),
        tracker.labels,
        tracker.value(),
        rule.format(tracker.value()),
        rule.condition(),
        tracker.sinceNanos() / 1_000_000,
        tracker.firedNanos() / 1_000_000,
        tracker.acknowledgedBy(),
        tracker.escalated());
  }

  /** DEGRADED while a critical alert fires, else UP. */
  ApplicationStatus applicationStatus() {
    for (ActiveAlert alert : active) {
      if (alert.state().firing() && alert.severity() == Severity.CRITICAL) {
        return ApplicationStatus.DEGRADED;
      }
    }
    return ApplicationStatus.UP;
  }
}
