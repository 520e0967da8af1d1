package dev.hourglass.agent.alerts;

import dev.hourglass.agent.metrics.GaugeInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Evaluates every rule on each interval snapshot and hands each notifiable transition to a sink.
 *
 * <p>Concurrency: {@link #accept} runs on the interval clock's thread only (evaluation is bounded
 * by series × rules and does no I/O; the sink must not block — the notification dispatcher only
 * enqueues). The {@link AlertsView} methods may be called from any thread: they read an immutable
 * {@link Published} state swapped in through a volatile field at the end of each evaluation.
 *
 * <p>Memory is bounded: trackers exist only for pending or firing alerts, at most {@value
 * #MAX_ALERTS_PER_RULE} per rule (further groups are counted and logged once), and the history
 * keeps {@value #HISTORY} transitions.
 */
public final class AlertEngine implements SnapshotConsumer, AlertsView {
  static final int HISTORY = 100;
  static final int MAX_ALERTS_PER_RULE = 100;

  private final List<Rule> rules;
  private final List<String> problems;
  private final Consumer<AlertEvent> sink;
  private final Supplier<NotificationStats> stats;
  private final String service;
  private final GaugeInstrument firingGauge;
  private final SignalReader reader = new SignalReader();
  private final Map<String, Map<List<String>, AlertTracker>> trackers = new HashMap<>();
  private final ArrayDeque<AlertTransition> history = new ArrayDeque<>();
  private volatile Published published = new Published(List.of(), List.of(), 0);

  private record Published(
      List<ActiveAlert> active, List<AlertTransition> transitions, long evaluatedEpochMillis) {}

  /**
   * @param sink receives each notification; called on the evaluating thread, must not block
   * @param stats the notification totals for {@link #notifications()}
   */
  public AlertEngine(
      RuleSet ruleSet,
      Consumer<AlertEvent> sink,
      Supplier<NotificationStats> stats,
      MetricRegistry registry,
      String service) {
    this.rules = ruleSet.rules();
    this.problems = ruleSet.problems();
    this.sink = sink;
    this.stats = stats;
    this.service = service;
    this.firingGauge =
        registry.gauge(
            "hourglass.alerts.firing",
            "Alerts firing per rule (one per group of series that breaches)",
            "{alert}",
            AttributeKeys.ALERT_RULE,
            AttributeKeys.ALERT_SEVERITY);
    for (Rule rule : rules) {
      trackers.put(rule.name(), new LinkedHashMap<>());
      firingGauge.series(rule.name(), rule.severity().label()).set(0);
    }
  }

  @Override
  public void accept(IntervalSnapshot snapshot) {
    long now = snapshot.endEpochNanos();
    for (Rule rule : rules) {
      try {
        evaluate(rule, snapshot, now);
      } catch (RuntimeException e) {
        AgentLog.warnOnce(
            "alert-eval-" + rule.name(),
            "alert rule '" + rule.name() + "' failed to evaluate: " + AgentLog.describe(e));
      }
    }
    publish(now);
  }

  private void evaluate(Rule rule, IntervalSnapshot snapshot, long now) {
    Map<List<String>, Measurement> measured = reader.read(rule, snapshot);
    Map<List<String>, AlertTracker> ruleTrackers = trackers.get(rule.name());
    for (Map.Entry<List<String>, Measurement> group : measured.entrySet()) {
      AlertTracker.Observation observation = AlertTracker.classify(rule, group.getValue());
      if (observation == AlertTracker.Observation.BREACH
          && !ruleTrackers.containsKey(group.getKey())) {
        if (ruleTrackers.size() >= MAX_ALERTS_PER_RULE) {
          AgentLog.warnOnce(
              "alert-cap-" + rule.name(),
              "alert rule '" + rule.name() + "' has " + MAX_ALERTS_PER_RULE
                  + " active alerts; further groups are not tracked (narrow it with 'where')");
          continue;
        }
        Map<String, String> labels = labels(rule, group.getKey());
        ruleTrackers.put(group.getKey(), new AlertTracker(id(rule, labels), labels));
      }
    }
    int firing = 0;
    Iterator<Map.Entry<List<String>, AlertTracker>> it = ruleTrackers.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<List<String>, AlertTracker> entry = it.next();
      AlertTracker tracker = entry.getValue();
      Measurement measurement = measured.get(entry.getKey());
      AlertState before = tracker.state();
      long startedFiring = tracker.sinceNanos();
      AlertState after =
          tracker.step(
              rule,
              AlertTracker.classify(rule, measurement),
              measurement == null ? Double.NaN : measurement.value(),
              now);
      if (after != null) {
        record(rule, tracker, before, after, now);
        if (after == AlertState.FIRING || after == AlertState.RESOLVED) {
          long starts = after == AlertState.FIRING ? now : startedFiring;
          notify(rule, tracker, after, false, starts, now);
        }
      } else if (tracker.remindDue(rule, now)) {
        notify(rule, tracker, AlertState.FIRING, true, tracker.sinceNanos(), now);
      }
      if (tracker.state() == AlertState.FIRING) {
        firing++;
      }
      if (tracker.idle()) {
        it.remove();
      }
    }
    firingGauge.series(rule.name(), rule.severity().label()).set(firing);
  }

  private void notify(
      Rule rule, AlertTracker tracker, AlertState status, boolean reminder, long starts, long now) {
    sink.accept(
        new AlertEvent(
            tracker.id,
            rule,
            tracker.labels,
            status,
            reminder,
            tracker.value(),
            starts / 1_000_000,
            now / 1_000_000,
            service));
  }

  private void record(Rule rule, AlertTracker tracker, AlertState from, AlertState to, long now) {
    if (history.size() >= HISTORY) {
      history.removeLast();
    }
    history.addFirst(
        new AlertTransition(
            tracker.id,
            rule.name(),
            rule.severity(),
            tracker.labels,
            from,
            to,
            tracker.value(),
            rule.format(tracker.value()),
            now / 1_000_000));
  }

  private void publish(long now) {
    List<ActiveAlert> active = new ArrayList<>();
    for (Rule rule : rules) {
      for (AlertTracker tracker : trackers.get(rule.name()).values()) {
        active.add(
            new ActiveAlert(
                tracker.id,
                rule.name(),
                rule.severity(),
                tracker.state(),
                tracker.labels,
                tracker.value(),
                rule.format(tracker.value()),
                rule.condition(),
                tracker.sinceNanos() / 1_000_000));
      }
    }
    active.sort(
        Comparator.comparing((ActiveAlert alert) -> alert.state() != AlertState.FIRING)
            .thenComparing(alert -> alert.severity() != Severity.CRITICAL));
    published = new Published(List.copyOf(active), List.copyOf(history), now / 1_000_000);
  }

  private static Map<String, String> labels(Rule rule, List<String> values) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < rule.by().size(); i++) {
      labels.put(rule.by().get(i), values.get(i));
    }
    return java.util.Collections.unmodifiableMap(labels);
  }

  /** A stable identity: the same rule and labels give the same id in every run. */
  static String id(Rule rule, Map<String, String> labels) {
    StringBuilder text = new StringBuilder(rule.name());
    new TreeMap<>(labels).forEach((name, value) -> text.append('\n').append(name).append('=').append(value));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  @Override
  public List<ActiveAlert> active() {
    return published.active();
  }

  @Override
  public List<AlertTransition> recentTransitions() {
    return published.transitions();
  }

  @Override
  public ApplicationStatus applicationStatus() {
    for (ActiveAlert alert : published.active()) {
      if (alert.state() == AlertState.FIRING && alert.severity() == Severity.CRITICAL) {
        return ApplicationStatus.DEGRADED;
      }
    }
    return ApplicationStatus.UP;
  }

  @Override
  public List<Rule> rules() {
    return rules;
  }

  @Override
  public List<String> problems() {
    return problems;
  }

  @Override
  public NotificationStats notifications() {
    return stats.get();
  }

  @Override
  public long lastEvaluationEpochMillis() {
    return published.evaluatedEpochMillis();
  }
}
