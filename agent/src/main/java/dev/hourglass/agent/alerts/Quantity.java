package dev.hourglass.agent.alerts;

import dev.hourglass.agent.alerts.Signal.Unit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold as written in configuration ({@code 300ms}, {@code 1s}, {@code 5%}, {@code 0.9},
 * {@code 42}) turned into the signal's own unit, and a signal value turned back into text for
 * people ({@code 452 ms}, {@code 6.2 %}).
 */
record Quantity(double value) {
  private static final Pattern NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|%)?");

  /**
   * Parses a threshold for a signal of {@code unit}. Durations are allowed for latency signals only
   * and give seconds; {@code %} is allowed for ratios and gauges and gives a 0..1 fraction; a bare
   * number is taken in the signal's unit (seconds for latency).
   */
  static Quantity parse(String raw, Unit unit) {
    Matcher m = NUMBER.matcher(raw.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(expected(unit) + ", got '" + raw + "'");
    }
    double number = Double.parseDouble(m.group(1));
    String suffix = m.group(2);
    if (suffix == null) {
      return new Quantity(number);
    }
    if (suffix.equals("%")) {
      if (unit != Unit.RATIO && unit != Unit.GAUGE) {
        throw new IllegalArgumentException(expected(unit) + ", got a percentage '" + raw + "'");
      }
      return new Quantity(number / 100.0);
    }
    if (unit != Unit.SECONDS) {
      throw new IllegalArgumentException(expected(unit) + ", got a duration '" + raw + "'");
    }
    double seconds;
    switch (suffix) {
      case "ms":
        seconds = number / 1000.0;
        break;
      case "m":
        seconds = number * 60;
        break;
      case "h":
        seconds = number * 3600;
        break;
      default:
        seconds = number;
    }
    return new Quantity(seconds);
  }

  private static String expected(Unit unit) {
    switch (unit) {
      case SECONDS:
        return "a duration such as 300ms or 1.5s";
      case RATIO:
        return "a percentage such as 5% or a fraction such as 0.05";
      case GAUGE:
        return "a number, or a percentage such as 90% for a 0..1 gauge";
      default:
        return "a number";
    }
  }

  /** The value as people read it: {@code 452 ms}, {@code 1.20 s}, {@code 6.2 %}, {@code 12}. */
  static String format(double value, Unit unit) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    switch (unit) {
      case SECONDS:
        return value < 1
            ? String.format(Locale.ROOT, "%.0f ms", value * 1000)
            : String.format(Locale.ROOT, "%.2f s", value);
      case RATIO:
        return String.format(Locale.ROOT, "%.1f %%", value * 100);
      case PER_SECOND:
        return String.format(Locale.ROOT, "%.2f/s", value);
      default:
        return value == Math.rint(value) && Math.abs(value) < 1e15
            ? Long.toString((long) value)
            : String.format(Locale.ROOT, "%.3f", value);
    }
  }
}
