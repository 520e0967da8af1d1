package dev.hourglass.agent.config;

import java.time.Duration;
import java.util.Locale;

/** Parses and prints the durations used in configuration ({@code 250ms}, {@code 10s}, {@code 5m}, {@code 30d}). */
public final class Durations {
  private Durations() {}

  /** The duration, or null when the text is not one; for parsers outside this package. */
  public static Duration parseOrNull(String text) {
    return parse(text);
  }

  /** The duration, or null when the text is not one. */
  static Duration parse(String text) {
    String raw = text.trim().toLowerCase(Locale.ROOT);
    String unit = raw.replaceAll("^[0-9]+", "");
    String number = raw.substring(0, raw.length() - unit.length());
    if (number.isEmpty()) {
      return null;
    }
    long amount;
    try {
      amount = Long.parseLong(number);
    } catch (NumberFormatException tooLong) {
      return null;
    }
    try {
      switch (unit) {
        case "":
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        case "d":
          return Duration.ofDays(amount);
        default:
          return null;
      }
    } catch (ArithmeticException beyondDuration) {
      return null; // e.g. 9999999999999999h: more seconds than a long holds
    }
  }

  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 86_400_000 == 0 && millis > 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0 && millis > 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
