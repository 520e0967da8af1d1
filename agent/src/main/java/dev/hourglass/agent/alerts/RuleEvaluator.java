package dev.hourglass.agent.alerts;

import dev.hourglass.snapshot.IntervalSnapshot;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one rule on one interval snapshot: measures the rule's signal per group of series,
 * opens trackers for new breaches, steps every tracker and hands each outcome to {@link
 * AlertChanges}; trackers whose alert is over are dropped. Not thread-safe: {@link AlertEngine}
 * holds its lock around every call.
 */
final class RuleEvaluator {
  private final SignalReader reader = new SignalReader();
  private final AlertTrackers trackers;
  private final AlertChanges changes;

  RuleEvaluator(AlertTrackers trackers, AlertChanges changes) {
    this.trackers = trackers;
    this.changes = changes;
  }

  /** How many of the rule's alerts fire after this interval (acknowledged ones included). */
  int evaluate(Rule rule, IntervalSnapshot snapshot, long nowNanos) {
    Map<List<String>, Measurement> measured = reader.read(rule, snapshot);
    trackers.openBreaching(rule, measured);
    int firing = 0;
    Iterator<Map.Entry<List<String>, AlertTracker>> it = trackers.of(rule).entrySet().iterator();
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
              nowNanos);
      if (after != null) {
        changes.stepped(rule, tracker, before, after, nowNanos);
      } else {
        changes.unchanged(rule, tracker, nowNanos);
      }
      if (tracker.state().firing()) {
        firing++;
      }
      if (tracker.idle()) {
        it.remove();
      }
    }
    return firing;
  }
}
