package dev.hourglass.agent.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One alert rule, validated: the {@link Signal} of a metric, per group of series ({@code by}) among
 * the series that match {@code where}, compared with a threshold. Immutable.
 *
 * @param name unique; part of each alert's identity
 * @param metric the instrument name, e.g. {@code http.server.request.duration}
 * @param by attribute names whose values make one alert each; empty: one alert over all series
 * @param where attribute name → pattern ({@code *} matches any run of characters)
 * @param threshold in the signal's unit (seconds for latency, 0..1 for ratios)
 * @param clearThreshold where a firing alert counts as recovered (the hysteresis band's far edge)
 * @param forIntervals consecutive breaching intervals before firing
 * @param recoverIntervals consecutive clear (or empty) intervals before resolving
 * @param minSamples measurements a group needs in an interval for a statistical signal to count
 * @param renotify repeat period while firing; zero: never
 * @param description optional text for people, carried into notifications
 * @param notifiers the notifiers (by name) this rule's alerts go to; empty: every notifier
 * @param escalateAfter how long a firing alert may stay unacknowledged before {@code escalateTo}
 *     is notified as well; zero: never
 * @param escalateTo the second set of notifiers; empty exactly when {@code escalateAfter} is zero
 */
public record Rule(
    String name,
    String metric,
    Signal signal,
    List<String> by,
    Map<String, String> where,
    Comparison comparison,
    double threshold,
    double clearThreshold,
    int forIntervals,
    int recoverIntervals,
    Severity severity,
    long minSamples,
    Duration renotify,
    String description,
    List<String> notifiers,
    Duration escalateAfter,
    List<String> escalateTo) {

  public Rule {
    by = List.copyOf(by);
    where = Map.copyOf(where);
    notifiers = List.copyOf(notifiers);
    escalateTo = List.copyOf(escalateTo);
  }

  /** The condition as people read it: {@code p95(http.server.request.duration) by http.route > 300 ms}. */
  public String condition() {
    StringBuilder text = new StringBuilder();
    text.append(signal.text()).append('(').append(metric).append(')');
    if (!where.isEmpty()) {
      text.append(" where ").append(new java.util.TreeMap<>(where));
    }
    if (!by.isEmpty()) {
      text.append(" by ").append(String.join(",", by));
    }
    text.append(' ').append(comparison.symbol()).append(' ').append(format(threshold));
    return text.toString();
  }

  /** A value of this rule's signal as people read it. */
  public String format(double value) {
    return Quantity.format(value, signal.unit());
  }
}
