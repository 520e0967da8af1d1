package dev.hourglass.agent.alerts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signals that compare a group with its own past: {@code new} (1 in the first interval the
 * rule sees the group with counts, 0 after) and {@code baseline_ratio} (this interval's count over
 * the mean of the group's previous {@value #WINDOW} intervals, that mean counted as at least 1, so
 * a group that was quiet needs N counts in an interval to be N times its baseline; no value in the
 * group's first interval, which {@code new} covers). Groups absent from a snapshot (their series
 * evicted after being idle) are forgotten.
 *
 * <p>Confined to the alert engine's thread.
 */
final class SeriesBaselines {
  static final int WINDOW = 10;

  private static final class Recent {
    private final double[] counts = new double[WINDOW];
    private int next;
    private int size;

    double mean() {
      double sum = 0;
      for (int i = 0; i < size; i++) {
        sum += counts[i];
      }
      return size == 0 ? 0 : sum / size;
    }

    void add(double count) {
      counts[next] = count;
      next = (next + 1) % WINDOW;
      size = Math.min(size + 1, WINDOW);
    }
  }

  private final Map<String, Map<List<String>, Recent>> byRule = new HashMap<>();

  /** The rule's signal per group, from the groups' counts in this interval. */
  Map<List<String>, Measurement> compare(Rule rule, Map<List<String>, Measurement> counts) {
    Map<List<String>, Recent> groups = byRule.computeIfAbsent(rule.name(), name -> new HashMap<>());
    groups.keySet().retainAll(counts.keySet());
    Map<List<String>, Measurement> signals = new LinkedHashMap<>();
    counts.forEach(
        (key, measurement) -> {
          double count = measurement.value();
          Recent recent = groups.get(key);
          if (rule.signal().kind() == Signal.Type.NEW) {
            signals.put(key, new Measurement(recent == null && count > 0 ? 1 : 0, 1));
          } else if (recent != null) {
            signals.put(key, new Measurement(count / Math.max(1, recent.mean()), 1));
          }
          if (recent == null) {
            recent = new Recent();
            groups.put(key, recent);
          }
          recent.add(count);
        });
    return signals;
  }
}
