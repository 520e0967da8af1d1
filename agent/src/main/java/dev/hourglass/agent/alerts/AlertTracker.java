package dev.hourglass.agent.alerts;

import java.util.Map;

/**
 * The state machine of one alert (one rule, one group of series). Fed one observation per interval
 * by the engine; returns the state it moved to, or null when it stayed. Confined to the evaluating
 * thread.
 *
 * <p>Hysteresis in value and time keeps a flapping signal quiet: once firing, a value between the
 * clear threshold and the threshold changes nothing, and resolving takes {@code recover}
 * consecutive clear intervals; firing takes {@code for} consecutive breaching ones.
 */
final class AlertTracker {
  /** What one interval said about the alert's signal. */
  enum Observation {
    BREACH,
    IN_BAND,
    CLEAR,
    NO_DATA
  }

  final String id;
  final Map<String, String> labels;
  private AlertState state = AlertState.INACTIVE;
  private int breaches;
  private int clears;
  private long sinceNanos; // epoch nanos the current state began
  private long firedNanos; // epoch nanos this incident started firing
  private long lastNotifiedNanos;
  private double value = Double.NaN;
  private String acknowledgedBy;
  private boolean escalated;

  AlertTracker(String id, Map<String, String> labels) {
    this.id = id;
    this.labels = labels;
  }

  static Observation classify(Rule rule, Measurement measurement) {
    if (measurement == null
        || Double.isNaN(measurement.value())
        || (rule.signal().isStatistical() && measurement.samples() < rule.minSamples())) {
      return Observation.NO_DATA; // the minimum-sample guard: too few to judge
    }
    if (rule.comparison().breaches(measurement.value(), rule.threshold())) {
      return Observation.BREACH;
    }
    return rule.comparison().clears(measurement.value(), rule.clearThreshold())
        ? Observation.CLEAR
        : Observation.IN_BAND;
  }

  /** Advances one interval ending at {@code nowNanos}; returns the new state or null. */
  AlertState step(Rule rule, Observation observation, double observed, long nowNanos) {
    if (observation != Observation.NO_DATA) {
      value = observed;
    }
    switch (state) {
      case FIRING:
      case ACKNOWLEDGED:
        if (observation == Observation.CLEAR || observation == Observation.NO_DATA) {
          if (++clears >= rule.recoverIntervals()) {
            return move(AlertState.RESOLVED, nowNanos);
          }
        } else {
          clears = 0;
        }
        return null;
      case PENDING:
        if (observation != Observation.BREACH) {
          return move(AlertState.INACTIVE, nowNanos);
        }
        return ++breaches >= rule.forIntervals() ? fire(nowNanos) : null;
      default: // INACTIVE or RESOLVED
        if (observation != Observation.BREACH) {
          return null;
        }
        breaches = 1;
        return rule.forIntervals() <= 1 ? fire(nowNanos) : move(AlertState.PENDING, nowNanos);
    }
  }

  /**
   * Whether a firing alert is due its periodic reminder; if so, counts it as sent. An acknowledged
   * alert has someone on it and is not reminded of.
   */
  boolean remindDue(Rule rule, long nowNanos) {
    long period = rule.renotify().toNanos();
    if (state != AlertState.FIRING || period <= 0 || nowNanos - lastNotifiedNanos < period) {
      return false;
    }
    lastNotifiedNanos = nowNanos;
    return true;
  }

  /**
   * Someone takes the firing alert on: it stops escalating. Returns false (and changes nothing)
   * unless the alert is firing and not yet acknowledged.
   */
  boolean acknowledge(String by, long nowNanos) {
    if (state != AlertState.FIRING) {
      return false;
    }
    acknowledgedBy = by;
    move(AlertState.ACKNOWLEDGED, nowNanos);
    return true;
  }

  /** Whether the rule's escalation is due now (firing, unacknowledged, long enough); counts it as sent. */
  boolean escalationDue(Rule rule, long nowNanos) {
    long after = rule.escalateAfter().toNanos();
    if (state != AlertState.FIRING || escalated || after <= 0 || nowNanos - firedNanos < after) {
      return false;
    }
    escalated = true;
    return true;
  }

  private AlertState fire(long nowNanos) {
    lastNotifiedNanos = nowNanos;
    firedNanos = nowNanos;
    clears = 0;
    acknowledgedBy = null;
    escalated = false;
    return move(AlertState.FIRING, nowNanos);
  }

  private AlertState move(AlertState next, long nowNanos) {
    state = next;
    sinceNanos = nowNanos;
    breaches = next == AlertState.PENDING ? breaches : 0;
    return next;
  }

  AlertState state() {
    return state;
  }

  long sinceNanos() {
    return sinceNanos;
  }

  double value() {
    return value;
  }

  long firedNanos() {
    return firedNanos;
  }

  /** Who acknowledged this incident, or null. */
  String acknowledgedBy() {
    return acknowledgedBy;
  }

  boolean escalated() {
    return escalated;
  }

  /** Nothing to remember: the engine may drop this tracker. */
  boolean idle() {
    return state == AlertState.INACTIVE || state == AlertState.RESOLVED;
  }
}
