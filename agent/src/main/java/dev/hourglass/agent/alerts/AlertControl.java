package dev.hourglass.agent.alerts;

/**
 * What people may change about running alerts (the write side of {@link AlertsView}). Thread-safe;
 * each call waits at most for one interval's evaluation to finish, which does no I/O.
 */
public interface AlertControl {
  /** What an acknowledgement did. */
  enum Acknowledgement {
    /** The alert was firing; it is acknowledged now and its notifiers are told. */
    ACKNOWLEDGED,
    /** Someone acknowledged it before; nothing changed. */
    ALREADY_ACKNOWLEDGED,
    /** The alert is pending, not firing: there is nothing to acknowledge yet. */
    NOT_FIRING,
    /** No active alert has this id (it may have resolved). */
    UNKNOWN
  }

  /**
   * Acknowledges the firing alert {@code id} on behalf of {@code by}: it stops escalating and
   * reminding, its time to acknowledge counts in its rule's {@link ResponseTimes}.
   */
  Acknowledgement acknowledge(String id, String by);

  /** Runs these rules from the next interval on, without a restart. */
  void replaceRules(RuleSet next);
}
