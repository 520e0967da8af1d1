package dev.hourglass.agent.alerts;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Each rule's response times (incidents fired, acknowledged, resolved and how long those took),
 * loaded from and saved to the {@link ResponseTimesFile} so they survive restarts. Each change
 * rewrites the small file. Not thread-safe: {@link AlertEngine} holds its lock around every call.
 */
final class RuleResponseTimes {
  private final ResponseTimesFile file;
  private final Map<String, ResponseTimes> byRule;

  RuleResponseTimes(ResponseTimesFile file) {
    this.file = file;
    this.byRule = file.load(); // mutable, in the file's order
  }

  void fired(Rule rule) {
    change(rule, ResponseTimes::withFired);
  }

  void acknowledged(Rule rule, long afterMillis) {
    change(rule, times -> times.withAcknowledged(afterMillis));
  }

  void resolved(Rule rule, long afterMillis) {
    change(rule, times -> times.withResolved(afterMillis));
  }

  Map<String, ResponseTimes> copy() {
    return Map.copyOf(byRule);
  }

  private void change(Rule rule, UnaryOperator<ResponseTimes> change) {
    byRule.put(rule.name(), change.apply(byRule.getOrDefault(rule.name(), ResponseTimes.NONE)));
    file.save(byRule);
  }
}
