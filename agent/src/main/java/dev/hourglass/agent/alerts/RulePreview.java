package dev.hourglass.agent.alerts;

import dev.hourglass.agent.history.HistoryRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a rule would have done over a stretch of the history on disk (the dashboard's preview,
 * "would have fired 3 times in the last hour"), and the range its signal took there (the bounds of
 * the threshold slider). The history keeps rollups of at least one minute, so the rule runs once
 * per step with {@code for} and {@code recover} turned from intervals into steps (rounded up), and
 * a group of several series takes the highest of their quantiles — an upper bound, where the live
 * evaluation merges their histograms. Signals the rollups cannot give ({@code mean}, {@code
 * count_over}, gauge signals) are reported as unsupported. Stateless.
 */
public final class RulePreview {
  /**
   * @param firings how often an alert of the rule would have started firing
   * @param firedAt when, epoch ms (step starts), at most {@value #MAX_TIMES}
   * @param min the signal's lowest value over the window and groups (NaN without data)
   * @param max its highest
   * @param unsupported why the signal cannot be previewed, or null
   */
  public record Result(
      int firings, int steps, long stepMillis, List<Long> firedAt, double min, double max, String unsupported) {}

  static final int MAX_TIMES = 50;
  private static final int[] QUANTILE_INDEX = {50, 95, 99}; // then p99.9 and max

  private RulePreview() {}

  public static Result run(Rule rule, List<HistoryRow> rows, Duration interval) {
    String unsupported = unsupported(rule.signal());
    if (unsupported != null) {
      return new Result(0, 0, 0, List.of(), Double.NaN, Double.NaN, unsupported);
    }
    SignalReader globs = new SignalReader();
    Map<Long, Map<List<String>, double[]>> steps = new TreeMap<>(); // start → group → count, errors, value
    long stepMillis = 0;
    for (HistoryRow row : rows) {
      if (row.kind() != HistoryRow.Kind.HISTOGRAM // counters and gauges cannot be previewed
          || !row.metric().equals(rule.metric())
          || !matches(rule, row, globs)) {
        continue;
      }
      stepMillis = row.stepMillis();
      List<String> key = new ArrayList<>();
      rule.by().forEach(name -> key.add(row.attributes().getOrDefault(name, "")));
      double[] sums = steps.computeIfAbsent(row.startMillis(), start -> new LinkedHashMap<>())
          .computeIfAbsent(List.copyOf(key), k -> new double[] {0, 0, Double.NaN});
      sums[0] += row.count();
      sums[1] += row.errors();
      double quantile = quantileSeconds(rule.signal(), row);
      if (!Double.isNaN(quantile)) {
        sums[2] = Double.isNaN(sums[2]) ? quantile : Math.max(sums[2], quantile);
      }
    }
    if (stepMillis == 0) {
      return new Result(0, 0, 0, List.of(), Double.NaN, Double.NaN, null);
    }
    Rule perStep = perStep(rule, interval, stepMillis);
    Map<List<String>, AlertTracker> trackers = new LinkedHashMap<>();
    TreeSet<List<String>> groups = new TreeSet<>(java.util.Comparator.comparing((List<String> g) -> g.toString()));
    steps.values().forEach(step -> groups.addAll(step.keySet()));
    List<Long> firedAt = new ArrayList<>();
    int firings = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    for (Map.Entry<Long, Map<List<String>, double[]>> step : steps.entrySet()) {
      for (List<String> group : groups) {
        double[] sums = step.getValue().get(group);
        Measurement measurement = sums == null ? null : measurement(rule.signal(), sums, stepMillis);
        if (measurement != null && !Double.isNaN(measurement.value())) {
          min = Double.isNaN(min) ? measurement.value() : Math.min(min, measurement.value());
          max = Double.isNaN(max) ? measurement.value() : Math.max(max, measurement.value());
        }
        AlertTracker tracker = trackers.computeIfAbsent(group, g -> new AlertTracker("", Map.of()));
        AlertState after =
            tracker.step(
                perStep,
                AlertTracker.classify(perStep, measurement),
                measurement == null ? Double.NaN : measurement.value(),
                step.getKey() * 1_000_000);
        if (after == AlertState.FIRING) {
          firings++;
          if (firedAt.size() < MAX_TIMES) {
            firedAt.add(step.getKey());
          }
        }
      }
    }
    return new Result(firings, steps.size(), stepMillis, List.copyOf(firedAt), min, max, null);
  }

  private static String unsupported(Signal signal) {
    return switch (signal.kind()) {
      case QUANTILE -> quantileIndex(signal.quantile()) < 0
          ? "the history keeps p50, p95, p99 and p99.9 only; " + signal.text() + " cannot be previewed"
          : null;
      case MAX, COUNT, RATE, ERROR_RATIO -> null;
      default -> "the history keeps latency rollups; " + signal.text() + " cannot be previewed";
    };
  }

  private static int quantileIndex(double quantile) {
    for (int i = 0; i < QUANTILE_INDEX.length; i++) {
      if (Math.abs(quantile * 100 - QUANTILE_INDEX[i]) < 1e-9) {
        return i;
      }
    }
    return Math.abs(quantile - 0.999) < 1e-9 ? 3 : -1;
  }

  private static double quantileSeconds(Signal signal, HistoryRow row) {
    int index = signal.kind() == Signal.Type.MAX ? 4 : signal.kind() == Signal.Type.QUANTILE ? quantileIndex(signal.quantile()) : -1;
    return index < 0 || row.count() == 0 ? Double.NaN : row.quantilesMicros()[index] / 1e6;
  }

  private static Measurement measurement(Signal signal, double[] sums, long stepMillis) {
    long samples = (long) sums[0];
    double value =
        switch (signal.kind()) {
          case COUNT -> sums[0];
          case RATE -> sums[0] * 1000.0 / stepMillis;
          case ERROR_RATIO -> samples == 0 ? Double.NaN : sums[1] / sums[0];
          default -> sums[2];
        };
    return new Measurement(value, signal.isStatistical() ? samples : 1);
  }

  private static boolean matches(Rule rule, HistoryRow row, SignalReader globs) {
    for (Map.Entry<String, String> condition : rule.where().entrySet()) {
      String value = row.attributes().getOrDefault(condition.getKey(), "");
      if (!globs.pattern(condition.getValue()).matcher(value).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The rule with {@code for} and {@code recover} counted in history steps instead of intervals. */
  private static Rule perStep(Rule rule, Duration interval, long stepMillis) {
    long intervalMillis = interval.toMillis();
    return new Rule(
        rule.name(), rule.metric(), rule.signal(), rule.by(), rule.where(), rule.comparison(),
        rule.threshold(), rule.clearThreshold(),
        steps(rule.forIntervals(), intervalMillis, stepMillis),
        steps(rule.recoverIntervals(), intervalMillis, stepMillis),
        rule.severity(), rule.minSamples(), rule.renotify(), rule.description(),
        rule.notifiers(), rule.escalateAfter(), rule.escalateTo());
  }

  private static int steps(int intervals, long intervalMillis, long stepMillis) {
    return (int) Math.max(1, (intervals * intervalMillis + stepMillis - 1) / stepMillis);
  }
}
