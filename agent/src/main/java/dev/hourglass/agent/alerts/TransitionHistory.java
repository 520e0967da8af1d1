package dev.hourglass.agent.alerts;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The latest {@value #CAPACITY} state changes of every rule's alerts, newest first. Not
 * thread-safe: {@link AlertEngine} holds its lock around every call and publishes {@link #copy}.
 */
final class TransitionHistory {
  static final int CAPACITY = 100;

  private final ArrayDeque<AlertTransition> transitions = new ArrayDeque<>();

  void record(Rule rule, AlertTracker tracker, AlertState from, AlertState to, long nowNanos) {
    if (transitions.size() >= CAPACITY) {
      transitions.removeLast();
    }
    transitions.addFirst(
        new AlertTransition(
            tracker.id,
            rule.name(),
            rule.severity(),
            tracker.labels,
            from,
            to,
            tracker.value(),
            rule.format(tracker.value()),
            nowNanos / 1_000_000));
  }

  List<AlertTransition> copy() {
    return List.copyOf(transitions);
  }
}
