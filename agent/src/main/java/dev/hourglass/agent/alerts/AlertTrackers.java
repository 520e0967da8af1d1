package dev.hourglass.agent.alerts;

import dev.hourglass.bootstrap.AgentLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trackers of each rule's pending, firing and acknowledged alerts, keyed by the values of the
 * rule's {@code by} labels (one alert per group of series).
 *
 * <p>Not thread-safe: {@link AlertEngine} holds its lock around every call. Bounded: at most
 * {@value #MAX_ALERTS_PER_RULE} trackers per rule; further groups are logged once and not tracked.
 */
final class AlertTrackers {
  static final int MAX_ALERTS_PER_RULE = 100;

  private final Map<String, Map<List<String>, AlertTracker>> byRule = new HashMap<>();

  /** Starts keeping trackers for {@code rule}; those it already has carry on. */
  void add(Rule rule) {
    byRule.computeIfAbsent(rule.name(), name -> new LinkedHashMap<>());
  }

  /** Forgets the rule's trackers, without any notification. */
  void remove(Rule rule) {
    byRule.remove(rule.name());
  }

  /** The rule's trackers in the order their alerts began; callers may remove idle ones. */
  Map<List<String>, AlertTracker> of(Rule rule) {
    return byRule.get(rule.name());
  }

  /** Starts tracking each group that breaches the rule and has no tracker yet. */
  void openBreaching(Rule rule, Map<List<String>, Measurement> measured) {
    Map<List<String>, AlertTracker> trackers = of(rule);
    for (Map.Entry<List<String>, Measurement> group : measured.entrySet()) {
      if (AlertTracker.classify(rule, group.getValue()) != AlertTracker.Observation.BREACH
          || trackers.containsKey(group.getKey())) {
        continue;
      }
      if (trackers.size() >= MAX_ALERTS_PER_RULE) {
        AgentLog.warnOnce(
            "alert-cap-" + rule.name(),
            "alert rule '" + rule.name() + "' has " + MAX_ALERTS_PER_RULE
                + " active alerts; further groups are not tracked (narrow it with 'where')");
        continue;
      }
      Map<String, String> labels = labels(rule, group.getKey());
      trackers.put(group.getKey(), new AlertTracker(id(rule, labels), labels));
    }
  }

  private static Map<String, String> labels(Rule rule, List<String> values) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < rule.by().size(); i++) {
      labels.put(rule.by().get(i), values.get(i));
    }
    return Collections.unmodifiableMap(labels);
  }

  /** A stable identity: the same rule and labels give the same id in every run. */
  static String id(Rule rule, Map<String, String> labels) {
    StringBuilder text = new StringBuilder(rule.name());
    new TreeMap<>(labels)
        .forEach((name, value) -> text.append('\n').append(name).append('=').append(value));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
