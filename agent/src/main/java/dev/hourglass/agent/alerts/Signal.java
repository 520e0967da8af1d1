package dev.hourglass.agent.alerts;

import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistic a rule reads from one group of series over one interval. Written in configuration
 * as text:
 *
 * <ul>
 *   <li>latency metrics: {@code p50}, {@code p95}, {@code p99}, {@code p999} (any {@code pNN}),
 *       {@code max}, {@code mean} (seconds); {@code count}, {@code rate} (per second); {@code
 *       error_ratio} (share of measurements whose {@code error.type} is set); {@code
 *       count_over(500ms)} (measurements slower than the duration);
 *   <li>counters: {@code count} (added in the interval), {@code rate} (per second); {@code
 *       share(attr=value)} (the part of the count whose attribute has that value: a cache's hit
 *       ratio is {@code share(result=hit)}); {@code new}
 *       (1 in the first interval a group has counts, else 0: for example a new error group);
 *       {@code baseline_ratio} (the interval's count over the group's mean of its previous
 *       intervals, at least 1: "N times its recent baseline");
 *   <li>gauges: {@code value}; {@code ratio(other.metric)} (this gauge divided by the gauge of the
 *       other metric with the same attributes, e.g. heap used over heap limit).
 * </ul>
 *
 * @param kind the statistic
 * @param quantile for {@link Type#QUANTILE}: 0..1
 * @param overSeconds for {@link Type#COUNT_OVER}: the duration in seconds
 * @param denominator for {@link Type#RATIO}: the other gauge's metric name
 * @param shareAttribute for {@link Type#SHARE}: the attribute whose value is counted
 * @param shareValue for {@link Type#SHARE}: that value
 * @param text the signal as configured
 */
public record Signal(
    Type kind,
    double quantile,
    double overSeconds,
    String denominator,
    String shareAttribute,
    String shareValue,
    String text) {
  private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d+)?|999)");
  private static final Pattern CALL = Pattern.compile("([a-z_]+)\\((.+)\\)");

  /** The statistics a signal can be. */
  public enum Type {
    QUANTILE,
    MAX,
    MEAN,
    COUNT,
    RATE,
    ERROR_RATIO,
    COUNT_OVER,
    VALUE,
    RATIO,
    SHARE,
    NEW,
    BASELINE_RATIO
  }

  /** What a signal's value measures, which decides how thresholds are written and values shown. */
  public enum Unit {
    SECONDS,
    RATIO,
    COUNT,
    PER_SECOND,
    /** A gauge's own unit; a {@code %} threshold means a 0..1 ratio. */
    GAUGE
  }

  /** Parses the configured text; the exception's message says what is allowed. */
  public static Signal parse(String raw) {
    String text = raw.trim().toLowerCase(Locale.ROOT);
    Matcher percentile = PERCENTILE.matcher(text);
    if (percentile.matches()) {
      String digits = percentile.group(1);
      double value = digits.equals("999") ? 99.9 : Double.parseDouble(digits);
      if (value <= 0 || value >= 100) {
        throw new IllegalArgumentException("a percentile between p0 and p100, got " + raw);
      }
      return new Signal(Type.QUANTILE, value / 100.0, 0, null, null, null, text);
    }
    switch (text) {
      case "max":
        return simple(Type.MAX, text);
      case "mean":
        return simple(Type.MEAN, text);
      case "count":
        return simple(Type.COUNT, text);
      case "rate":
        return simple(Type.RATE, text);
      case "error_ratio":
        return simple(Type.ERROR_RATIO, text);
      case "value":
        return simple(Type.VALUE, text);
      case "new":
        return simple(Type.NEW, text);
      case "baseline_ratio":
        return simple(Type.BASELINE_RATIO, text);
      default:
        break;
    }
    Matcher call = CALL.matcher(text);
    if (call.matches() && call.group(1).equals("count_over")) {
      Quantity over = Quantity.parse(call.group(2), Unit.SECONDS);
      return new Signal(Type.COUNT_OVER, 0, over.value(), null, null, null, text);
    }
    if (call.matches() && call.group(1).equals("ratio")) {
      return new Signal(Type.RATIO, 0, 0, call.group(2).trim(), null, null, text);
    }
    if (call.matches() && call.group(1).equals("share")) {
      // Attribute values are matched as written: the text is lower-cased above, so is the value.
      String[] condition = call.group(2).split("=", 2);
      if (condition.length == 2 && !condition[0].isBlank() && !condition[1].isBlank()) {
        return new Signal(
            Type.SHARE, 0, 0, null, condition[0].trim(), condition[1].trim(), text);
      }
    }
    throw new IllegalArgumentException(
        "one of p50, p95, p99, p999 (any pNN), max, mean, count, rate, error_ratio,"
            + " count_over(<duration>), value, ratio(<gauge metric>), share(<attribute>=<value>),"
            + " new, baseline_ratio; got '"
            + raw
            + "'");
  }

  private static Signal simple(Type kind, String text) {
    return new Signal(kind, 0, 0, null, null, null, text);
  }

  public Unit unit() {
    switch (kind) {
      case QUANTILE:
      case MAX:
      case MEAN:
        return Unit.SECONDS;
      case ERROR_RATIO:
      case RATIO:
      case SHARE:
        return Unit.RATIO;
      case COUNT:
      case COUNT_OVER:
      case NEW:
      case BASELINE_RATIO:
        return Unit.COUNT;
      case RATE:
        return Unit.PER_SECOND;
      default:
        return Unit.GAUGE;
    }
  }

  /** Whether the signal can be read from a metric of this kind. */
  public boolean appliesTo(Kind instrumentKind) {
    switch (instrumentKind) {
      case LATENCY:
        return kind != Type.VALUE && kind != Type.RATIO;
      case COUNTER:
        return kind == Type.COUNT
            || kind == Type.RATE
            || kind == Type.SHARE
            || kind == Type.NEW
            || kind == Type.BASELINE_RATIO;
      default:
        return kind == Type.VALUE || kind == Type.RATIO;
    }
  }

  /** Whether the minimum-sample guard applies: statistics of a distribution, not counts. */
  public boolean isStatistical() {
    return kind == Type.QUANTILE
        || kind == Type.MAX
        || kind == Type.MEAN
        || kind == Type.ERROR_RATIO
        || kind == Type.SHARE;
  }

  @Override
  public String toString() {
    return text;
  }
}
