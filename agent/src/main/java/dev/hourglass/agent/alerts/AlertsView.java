package dev.hourglass.agent.alerts;

import java.util.List;

/**
 * What the alerts know, read-only, for {@code /api/alerts}, {@code /api/health} and the dashboard.
 *
 * <p>Thread-safe and cheap: every method reads state published once per interval by the evaluating
 * thread (a volatile reference to immutable lists), so it never waits on evaluation or on
 * notification delivery, and never blocks.
 */
public interface AlertsView {
  /** Pending, firing and acknowledged alerts, firing first, critical before warning. */
  List<ActiveAlert> active();

  /**
   * The latest state changes, newest first; at most {@value TransitionHistory#CAPACITY} of them.
   */
  List<AlertTransition> recentTransitions();

  /** DEGRADED while a critical alert fires, else UP. */
  ApplicationStatus applicationStatus();

  /** The rules being evaluated. */
  List<Rule> rules();

  /** Rules (or rule sources) left out because of a configuration error, one line each. */
  List<String> problems();

  NotificationStats notifications();

  /** Each rule's response times (MTTR) over every incident so far, by rule name. */
  java.util.Map<String, ResponseTimes> responseTimes();

  /** End of the last evaluated interval, epoch millis; 0 before the first. */
  long lastEvaluationEpochMillis();
}
