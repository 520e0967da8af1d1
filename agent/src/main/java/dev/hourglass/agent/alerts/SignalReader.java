package dev.hourglass.agent.alerts;

import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a rule's signal from a snapshot: picks the rule's metric, keeps the series that match
 * {@code where}, groups them by the {@code by} attributes and measures each group. Works on metric
 * names and attribute names only, so rules for metrics added later need no code. A metric absent
 * from the snapshot yields no groups (the rule is not evaluated). Stateless; the snapshot is only
 * read.
 */
final class SignalReader {
  private final Map<String, Pattern> patterns = new HashMap<>();
  private final SeriesBaselines baselines = new SeriesBaselines();

  /** Group values (in {@code by} order) → measurement; only groups with something to say. */
  Map<List<String>, Measurement> read(Rule rule, IntervalSnapshot snapshot) {
    Map<List<String>, SeriesGroup> groups = new LinkedHashMap<>();
    Signal signal = rule.signal();
    for (LatencyPoint point : snapshot.latencies()) {
      if (matches(rule, point)) {
        boolean error = !attribute(point, AttributeKeys.ERROR_TYPE.name()).isEmpty();
        group(groups, rule, point)
            .addLatency(point.interval(), error, signal.overSeconds());
      }
    }
    for (CounterPoint point : snapshot.counters()) {
      if (matches(rule, point)) {
        boolean shared =
            signal.kind() == Signal.Type.SHARE
                && attribute(point, signal.shareAttribute()).equalsIgnoreCase(signal.shareValue());
        group(groups, rule, point).addCount(point.delta(), shared);
      }
    }
    Map<List<String>, Double> denominators =
        signal.kind() == Signal.Type.RATIO ? gaugeValues(snapshot, signal.denominator()) : Map.of();
    for (GaugePoint point : snapshot.gauges()) {
      if (matches(rule, point)) {
        double value = point.value();
        if (signal.kind() == Signal.Type.RATIO) {
          Double denominator = denominators.get(point.attributeValues());
          value = denominator == null || denominator <= 0 ? Double.NaN : value / denominator;
        }
        group(groups, rule, point).addValue(value);
      }
    }
    Map<List<String>, Measurement> measured = new LinkedHashMap<>();
    groups.forEach(
        (key, group) -> {
          Measurement measurement = group.measure(signal, snapshot.seconds());
          if (measurement != null) {
            measured.put(key, measurement);
          }
        });
    if (signal.kind() == Signal.Type.NEW || signal.kind() == Signal.Type.BASELINE_RATIO) {
      return baselines.compare(rule, measured);
    }
    return measured;
  }

  private boolean matches(Rule rule, Point point) {
    InstrumentDescriptor instrument = point.instrument();
    if (!instrument.name().equals(rule.metric())) {
      return false;
    }
    if (!rule.signal().appliesTo(instrument.kind())) {
      AgentLog.warnOnce(
          "alert-kind-" + rule.name(),
          "alert rule '"
              + rule.name()
              + "': signal "
              + rule.signal()
              + " does not apply to "
              + instrument.name()
              + ", a "
              + instrument.kind().name().toLowerCase(java.util.Locale.ROOT)
              + "; the rule is not evaluated");
      return false;
    }
    for (Map.Entry<String, String> condition : rule.where().entrySet()) {
      String value = attribute(point, condition.getKey());
      if (!pattern(condition.getValue()).matcher(value).matches()) {
        return false;
      }
    }
    return true;
  }

  private static SeriesGroup group(
      Map<List<String>, SeriesGroup> groups, Rule rule, Point point) {
    List<String> key = new ArrayList<>(rule.by().size());
    for (String name : rule.by()) {
      key.add(attribute(point, name));
    }
    return groups.computeIfAbsent(List.copyOf(key), k -> new SeriesGroup(rule.signal()));
  }

  /** The series' value of an attribute; {@code ""} when the metric has no such attribute. */
  private static String attribute(Point point, String name) {
    String value = point.attribute(name);
    return value == null ? "" : value;
  }

  private static Map<List<String>, Double> gaugeValues(IntervalSnapshot snapshot, String metric) {
    Map<List<String>, Double> values = new HashMap<>();
    for (GaugePoint point : snapshot.gauges()) {
      if (point.instrument().name().equals(metric)) {
        values.put(point.attributeValues(), point.value());
      }
    }
    return values;
  }

  /** {@code *} matches any run of characters; everything else literally. */
  Pattern pattern(String glob) {
    return patterns.computeIfAbsent(
        glob,
        text -> {
          StringBuilder regex = new StringBuilder();
          for (String part : text.split("\\*", -1)) {
            if (regex.length() > 0) {
              regex.append(".*");
            }
            regex.append(Pattern.quote(part));
          }
          return Pattern.compile(regex.toString());
        });
  }
}
