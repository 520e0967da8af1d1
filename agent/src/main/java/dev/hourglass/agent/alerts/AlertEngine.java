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
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Evaluates every rule on each interval snapshot and hands each notifiable transition to a sink;
 * takes acknowledgements, escalates alerts nobody acknowledged in time, and keeps each rule's
 * response times (MTTR).
 *
 * <p>Concurrency: {@link #accept} runs on the interval clock's thread, {@link #acknowledge} on a
 * web thread; both hold {@code lock} while they change trackers (evaluation is bounded by series ×
 * rules; the only I/O is rewriting the small response-times file when an incident is acknowledged
 * or resolves; the sink must not block — the notification dispatcher only enqueues). The {@link
 * AlertsView} methods may be called from any thread: they read an immutable {@link Published}
 * state swapped in through a volatile field at the end of each change.
 *
 * <p>Memory is bounded: trackers exist only for pending or firing alerts, at most {@value
 * #MAX_ALERTS_PER_RULE} per rule (further groups are counted and logged once), and the history
 * keeps {@value #HISTORY} transitions.
 */
public final class AlertEngine implements SnapshotConsumer, AlertsView, AlertControl {
  static final int HISTORY = 100;
  static final int MAX_ALERTS_PER_RULE = 100;

  private volatile List<Rule> rules; // replaced under lock, read by any thread
  private volatile List<String> problems;
  private volatile RuleSet replacement; // rules to run from the next interval
  private final Consumer<AlertEvent> sink;
  private final Supplier<NotificationStats> stats;
  private final String service;
  private final GaugeInstrument firingGauge;
  private final SignalReader reader = new SignalReader();
  private final Map<String, Map<List<String>, AlertTracker>> trackers = new HashMap<>();
  private final ArrayDeque<AlertTransition> history = new ArrayDeque<>();
  private final Object lock = new Object();
  private final LongSupplier clockMillis;
  private final ResponseTimesFile responseTimesFile;
  private final Map<String, ResponseTimes> responseTimes;
  private long evaluatedNanos;
  private volatile Published published;

  private record Published(
      List<ActiveAlert> active,
      List<AlertTransition> transitions,
      long evaluatedEpochMillis,
      Map<String, ResponseTimes> responseTimes) {}

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
    this(ruleSet, sink, stats, registry, service, System::currentTimeMillis, new ResponseTimesFile(null));
  }

  /**
   * @param clockMillis the time of acknowledgements, epoch ms (evaluation goes by the snapshots)
   * @param responseTimesFile where response times are kept across restarts
   */
  AlertEngine(
      RuleSet ruleSet,
      Consumer<AlertEvent> sink,
      Supplier<NotificationStats> stats,
      MetricRegistry registry,
      String service,
      LongSupplier clockMillis,
      ResponseTimesFile responseTimesFile) {
    this.clockMillis = clockMillis;
    this.responseTimesFile = responseTimesFile;
    this.responseTimes = responseTimesFile.load();
    this.published = new Published(List.of(), List.of(), 0, Map.copyOf(responseTimes));
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
    synchronized (lock) {
      applyReplacement();
      for (Rule rule : rules) {
        try {
          evaluate(rule, snapshot, now);
        } catch (RuntimeException e) {
          AgentLog.warnOnce(
              "alert-eval-" + rule.name(),
              "alert rule '" + rule.name() + "' failed to evaluate: " + AgentLog.describe(e));
        }
      }
      evaluatedNanos = now;
      publish();
    }
  }

  /**
   * {@inheritDoc} Alerts of rules that remain (by name) carry on under the new definition; alerts
   * of removed rules are dropped without notification.
   */
  @Override
  public void replaceRules(RuleSet next) {
    replacement = next;
  }

  private void applyReplacement() {
    RuleSet next = replacement;
    if (next == null) {
      return;
    }
    replacement = null;
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Rule rule : next.rules()) {
      names.add(rule.name());
      trackers.computeIfAbsent(rule.name(), name -> new LinkedHashMap<>());
    }
    for (Rule rule : rules) {
      if (!names.contains(rule.name())) {
        trackers.remove(rule.name());
        firingGauge.series(rule.name(), rule.severity().label()).set(0);
      }
    }
    rules = next.rules();
    problems = next.problems();
  }

  @Override
  public Acknowledgement acknowledge(String id, String by) {
    long now = clockMillis.getAsLong() * 1_000_000;
    synchronized (lock) {
      for (Rule rule : rules) {
        for (AlertTracker tracker : trackers.get(rule.name()).values()) {
          if (!tracker.id.equals(id)) {
            continue;
          }
          if (tracker.state() == AlertState.ACKNOWLEDGED) {
            return Acknowledgement.ALREADY_ACKNOWLEDGED;
          }
          if (!tracker.acknowledge(by, now)) {
            return Acknowledgement.NOT_FIRING;
          }
          record(rule, tracker, AlertState.FIRING, AlertState.ACKNOWLEDGED, now);
          notify(rule, tracker, AlertState.ACKNOWLEDGED, false, false, now);
          count(rule, times -> times.withAcknowledged((now - tracker.firedNanos()) / 1_000_000));
          publish();
          return Acknowledgement.ACKNOWLEDGED;
        }
      }
      return Acknowledgement.UNKNOWN;
    }
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
      AlertState after =
          tracker.step(
              rule,
              AlertTracker.classify(rule, measurement),
              measurement == null ? Double.NaN : measurement.value(),
              now);
      if (after != null) {
        record(rule, tracker, before, after, now);
        if (after == AlertState.FIRING) {
          notify(rule, tracker, after, false, false, now);
          count(rule, ResponseTimes::withFired);
        } else if (after == AlertState.RESOLVED) {
          notify(rule, tracker, after, false, false, now);
          count(rule, times -> times.withResolved((now - tracker.firedNanos()) / 1_000_000));
        }
      } else if (tracker.escalationDue(rule, now)) {
        notify(rule, tracker, AlertState.FIRING, false, true, now);
      } else if (tracker.remindDue(rule, now)) {
        notify(rule, tracker, AlertState.FIRING, true, false, now);
      }
      if (tracker.state().firing()) {
        firing++;
      }
      if (tracker.idle()) {
        it.remove();
      }
    }
    firingGauge.series(rule.name(), rule.severity().label()).set(firing);
  }

  private void notify(
      Rule rule,
      AlertTracker tracker,
      AlertState status,
      boolean reminder,
      boolean escalation,
      long now) {
    sink.accept(
        new AlertEvent(
            tracker.id,
            rule,
            tracker.labels,
            status,
            reminder,
            tracker.value(),
            tracker.firedNanos() / 1_000_000,
            now / 1_000_000,
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
    java.util.Set<String> both = new java.util.LinkedHashSet<>(rule.notifiers());
    both.addAll(rule.escalateTo());
    return List.copyOf(both);
  }

  private void count(Rule rule, java.util.function.UnaryOperator<ResponseTimes> change) {
    responseTimes.put(
        rule.name(), change.apply(responseTimes.getOrDefault(rule.name(), ResponseTimes.NONE)));
    responseTimesFile.save(responseTimes);
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

  private void publish() {
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
                tracker.sinceNanos() / 1_000_000,
                tracker.firedNanos() / 1_000_000,
                tracker.acknowledgedBy(),
                tracker.escalated()));
      }
    }
    active.sort(
        Comparator.comparing((ActiveAlert alert) -> alert.state() != AlertState.FIRING)
            .thenComparing(alert -> !alert.state().firing())
            .thenComparing(alert -> alert.severity() != Severity.CRITICAL));
    published =
        new Published(
            List.copyOf(active),
            List.copyOf(history),
            evaluatedNanos / 1_000_000,
            Map.copyOf(responseTimes));
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
      if (alert.state().firing() && alert.severity() == Severity.CRITICAL) {
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
  public Map<String, ResponseTimes> responseTimes() {
    return published.responseTimes();
  }

  @Override
  public long lastEvaluationEpochMillis() {
    return published.evaluatedEpochMillis();
  }
}
