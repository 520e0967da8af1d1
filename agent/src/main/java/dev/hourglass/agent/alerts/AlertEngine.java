package dev.hourglass.agent.alerts;

import dev.hourglass.agent.metrics.GaugeInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs the alert rules: evaluates every rule on each interval snapshot ({@link RuleEvaluator}),
 * takes acknowledgements and rule replacements, and publishes what {@link AlertsView} answers
 * ({@link PublishedAlerts}). What a change of state sets off (history, notification, response
 * times) is {@link AlertChanges}'s.
 *
 * <p>Concurrency: {@link #accept} runs on the interval clock's thread, {@link #acknowledge} on a
 * web thread; both hold {@code lock} while they change trackers (evaluation is bounded by series ×
 * rules; the only I/O is rewriting the small response-times file when an incident is acknowledged
 * or resolves; the sink must not block — the notification dispatcher only enqueues). The {@link
 * AlertsView} methods may be called from any thread: they read the immutable {@link
 * PublishedAlerts} swapped in through a volatile field at the end of each change.
 *
 * <p>Memory is bounded: trackers exist only for pending or firing alerts, at most {@value
 * AlertTrackers#MAX_ALERTS_PER_RULE} per rule, and the history keeps {@value
 * TransitionHistory#CAPACITY} transitions.
 */
public final class AlertEngine implements SnapshotConsumer, AlertsView, AlertControl {
  private volatile List<Rule> rules; // replaced under lock, read by any thread
  private volatile List<String> problems;
  private volatile RuleSet replacement; // rules to run from the next interval
  private final Supplier<NotificationStats> stats;
  private final GaugeInstrument firingGauge;
  private final AlertTrackers trackers = new AlertTrackers();
  private final TransitionHistory history = new TransitionHistory();
  private final RuleResponseTimes responseTimes;
  private final AlertChanges changes;
  private final RuleEvaluator evaluator;
  private final Object lock = new Object();
  private final LongSupplier clockMillis;
  private long evaluatedNanos;
  private volatile PublishedAlerts published;

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
    this.responseTimes = new RuleResponseTimes(responseTimesFile);
    this.changes =
        new AlertChanges(history, new AlertNotifications(sink, service), responseTimes);
    this.evaluator = new RuleEvaluator(trackers, changes);
    this.rules = ruleSet.rules();
    this.problems = ruleSet.problems();
    this.stats = stats;
    this.firingGauge =
        registry.gauge(
            "hourglass.alerts.firing",
            "Alerts firing per rule (one per group of series that breaches)",
            "{alert}",
            AttributeKeys.ALERT_RULE,
            AttributeKeys.ALERT_SEVERITY);
    for (Rule rule : rules) {
      trackers.add(rule);
      setFiring(rule, 0);
    }
    this.published = PublishedAlerts.of(rules, trackers, history, 0, responseTimes);
  }

  @Override
  public void accept(IntervalSnapshot snapshot) {
    long now = snapshot.endEpochNanos();
    synchronized (lock) {
      applyReplacement();
      for (Rule rule : rules) {
        try {
          setFiring(rule, evaluator.evaluate(rule, snapshot, now));
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
    Set<String> names = new HashSet<>();
    for (Rule rule : next.rules()) {
      names.add(rule.name());
      trackers.add(rule);
    }
    for (Rule rule : rules) {
      if (!names.contains(rule.name())) {
        trackers.remove(rule);
        setFiring(rule, 0);
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
        for (AlertTracker tracker : trackers.of(rule).values()) {
          if (!tracker.id.equals(id)) {
            continue;
          }
          if (tracker.state() == AlertState.ACKNOWLEDGED) {
            return Acknowledgement.ALREADY_ACKNOWLEDGED;
          }
          if (!tracker.acknowledge(by, now)) {
            return Acknowledgement.NOT_FIRING;
          }
          changes.acknowledged(rule, tracker, now);
          publish();
          return Acknowledgement.ACKNOWLEDGED;
        }
      }
      return Acknowledgement.UNKNOWN;
    }
  }

  private void setFiring(Rule rule, int firing) {
    firingGauge.series(rule.name(), rule.severity().label()).set(firing);
  }

  private void publish() {
    published = PublishedAlerts.of(rules, trackers, history, evaluatedNanos, responseTimes);
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
    return published.applicationStatus();
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
