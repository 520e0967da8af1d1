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
  private long lastNotifiedNanos;
  private double value = Double.NaN;

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

  /** Whether a firing alert is due its periodic reminder; if so, counts it as sent. */
  boolean remindDue(Rule rule, long nowNanos) {
    long period = rule.renotify().toNanos();
    if (state != AlertState.FIRING || period <= 0 || nowNanos - lastNotifiedNanos < period) {
      return false;
    }
    lastNotifiedNanos = nowNanos;
    return true;
  }

  private AlertState fire(long nowNanos) {
    lastNotifiedNanos = nowNanos;
    clears = 0;
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

  /** Nothing to remember: the engine may drop this tracker. */
  boolean idle() {
    return state == AlertState.INACTIVE || state == AlertState.RESOLVED;
  }
}
