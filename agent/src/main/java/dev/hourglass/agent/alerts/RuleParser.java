package dev.hourglass.agent.alerts;

import dev.hourglass.agent.alerts.Signal.Unit;
import dev.hourglass.agent.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one rule's fields, as text, into a {@link Rule}. Every field is checked; the first fault
 * is reported by rule name and field, and the caller skips that rule only. Stateless.
 *
 * <p>Fields: {@code metric} and {@code signal} (required), exactly one of {@code above} / {@code
 * below} (the threshold), and optionally {@code by} (comma-separated attribute names), {@code
 * where} ({@code attr=pattern,attr=pattern}), {@code clear} (clear threshold, default 10 % inside
 * the threshold), {@code for} and {@code recover} (an interval count such as {@code 3}, or a
 * duration such as {@code 30s} rounded up to whole intervals), {@code severity} ({@code warning} or
 * {@code critical}), {@code samples} (minimum measurements per interval), {@code renotify} (a
 * duration, {@code 0} = never), {@code description}, {@code enabled}, {@code notify} (notifier
 * names, default all), {@code escalate} (a duration after which an unacknowledged firing alert is
 * also sent to {@code escalate_to}, a list of notifier names).
 */
public final class RuleParser {
  static final Set<String> FIELDS =
      Set.of(
          "metric", "signal", "by", "where", "above", "below", "clear", "for", "recover",
          "severity", "samples", "renotify", "description", "enabled", "notify", "escalate",
          "escalate_to");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern INTERVALS = Pattern.compile("\\d+");
  static final int DEFAULT_FOR = 2;
  static final int DEFAULT_RECOVER = 2;
  static final long DEFAULT_MIN_SAMPLES = 10;

  private final Duration interval;
  private final Duration defaultRenotify;
  private final Set<String> notifiers;

  /**
   * @param interval the interval clock's period, to turn {@code for: 30s} into intervals
   * @param defaultRenotify the renotify period of rules that set none
   */
  public RuleParser(Duration interval, Duration defaultRenotify) {
    this(interval, defaultRenotify, null);
  }

  /** @param notifiers the configured notifiers' names, which {@code notify} may list; null: any */
  public RuleParser(Duration interval, Duration defaultRenotify, Set<String> notifiers) {
    this.interval = interval;
    this.defaultRenotify = defaultRenotify;
    this.notifiers = notifiers == null ? null : Set.copyOf(notifiers);
  }

  /** The configured notifiers' names, or null when any name is accepted. */
  Set<String> notifierNames() {
    return notifiers;
  }

  public Rule parse(String name, Map<String, String> fields) throws InvalidRuleException {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRuleException(
          name, "name", "use lower-case letters, digits, '.', '_' and '-'");
    }
    for (String field : fields.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidRuleException(
            name, field, "unknown field; the fields are " + new java.util.TreeSet<>(FIELDS));
      }
    }
    String metric = required(name, fields, "metric");
    Signal signal = signal(name, required(name, fields, "signal"));
    String above = fields.get("above");
    String below = fields.get("below");
    if ((above == null) == (below == null)) {
      throw new InvalidRuleException(name, "above", "give exactly one of 'above' and 'below'");
    }
    Comparison comparison = above != null ? Comparison.ABOVE : Comparison.BELOW;
    String thresholdField = above != null ? "above" : "below";
    double threshold = quantity(name, thresholdField, above != null ? above : below, signal.unit());
    double clear = comparison.defaultClear(threshold);
    if (fields.get("clear") != null) {
      clear = quantity(name, "clear", fields.get("clear"), signal.unit());
      if (comparison.breaches(clear, threshold)) {
        throw new InvalidRuleException(
            name, "clear", "must not be past the threshold (" + thresholdField + ")");
      }
    }
    Duration escalate = escalate(name, fields.get("escalate"));
    List<String> escalateTo = notifiers(name, "escalate_to", fields.get("escalate_to"));
    if (escalate.isZero() != escalateTo.isEmpty()) {
      throw new InvalidRuleException(
          name, "escalate", "give both 'escalate' (a duration) and 'escalate_to' (notifiers), or neither");
    }
    return new Rule(
        name,
        metric,
        signal,
        list(fields.get("by")),
        where(name, fields.get("where")),
        comparison,
        threshold,
        clear,
        intervals(name, "for", fields.get("for"), DEFAULT_FOR),
        intervals(name, "recover", fields.get("recover"), DEFAULT_RECOVER),
        severity(name, fields.get("severity")),
        samples(name, fields.get("samples"), signal),
        renotify(name, fields.get("renotify")),
        fields.getOrDefault("description", ""),
        notifiers(name, "notify", fields.get("notify")),
        escalate,
        escalateTo);
  }

  private List<String> notifiers(String rule, String field, String text)
      throws InvalidRuleException {
    List<String> names = list(text);
    for (String notifier : names) {
      if (notifiers != null && !notifiers.contains(notifier)) {
        throw new InvalidRuleException(
            rule,
            field,
            "no notifier '" + notifier + "' is configured; the notifiers are "
                + new java.util.TreeSet<>(notifiers));
      }
    }
    return names;
  }

  private static Duration escalate(String rule, String text) throws InvalidRuleException {
    if (text == null || text.isBlank()) {
      return Duration.ZERO;
    }
    Duration duration = Durations.parseOrNull(text.trim());
    if (duration == null) {
      throw new InvalidRuleException(
          rule, "escalate", "expected a duration such as 10m, got '" + text + "'");
    }
    return duration;
  }

  private static String required(String rule, Map<String, String> fields, String field)
      throws InvalidRuleException {
    String value = fields.get(field);
    if (value == null || value.isBlank()) {
      throw new InvalidRuleException(rule, field, "missing");
    }
    return value.trim();
  }

  private static Signal signal(String rule, String text) throws InvalidRuleException {
    try {
      return Signal.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(rule, "signal", "expected " + e.getMessage());
    }
  }

  private static double quantity(String rule, String field, String text, Unit unit)
      throws InvalidRuleException {
    try {
      return Quantity.parse(text, unit).value();
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(rule, field, "expected " + e.getMessage());
    }
  }

  /** Comma-separated items, trimmed, blanks left out. */
  static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    if (text != null) {
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return items;
  }

  private static Map<String, String> where(String rule, String text) throws InvalidRuleException {
    Map<String, String> where = new LinkedHashMap<>();
    for (String entry : list(text)) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new InvalidRuleException(
            rule, "where", "expected attribute=pattern[,attribute=pattern], got '" + entry + "'");
      }
      where.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return where;
  }

  private int intervals(String rule, String field, String text, int defaultValue)
      throws InvalidRuleException {
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    String trimmed = text.trim();
    if (INTERVALS.matcher(trimmed).matches()) {
      int count = Integer.parseInt(trimmed);
      if (count >= 1 && count <= 10_000) {
        return count;
      }
    } else {
      Duration duration = Durations.parseOrNull(trimmed);
      if (duration != null && !duration.isZero()) {
        long millis = interval.toMillis();
        return (int) Math.min(10_000, (duration.toMillis() + millis - 1) / millis);
      }
    }
    throw new InvalidRuleException(
        rule,
        field,
        "expected a number of intervals from 1 to 10000 or a duration such as 30s, got '"
            + text
            + "'");
  }

  private static Severity severity(String rule, String text) throws InvalidRuleException {
    if (text == null || text.isBlank()) {
      return Severity.WARNING;
    }
    try {
      return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(
          rule, "severity", "expected warning or critical, got '" + text + "'");
    }
  }

  private static long samples(String rule, String text, Signal signal)
      throws InvalidRuleException {
    if (text == null || text.isBlank()) {
      return signal.isStatistical() ? DEFAULT_MIN_SAMPLES : 0;
    }
    try {
      long samples = Long.parseLong(text.trim());
      if (samples >= 0) {
        return samples;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidRuleException(
        rule, "samples", "expected a non-negative whole number, got '" + text + "'");
  }

  private Duration renotify(String rule, String text) throws InvalidRuleException {
    if (text == null || text.isBlank()) {
      return defaultRenotify;
    }
    Duration duration = Durations.parseOrNull(text.trim());
    if (duration == null) {
      throw new InvalidRuleException(
          rule, "renotify", "expected a duration such as 30m or 0 (never), got '" + text + "'");
    }
    return duration;
  }
}
