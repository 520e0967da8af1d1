package dev.hourglass.agent.config;

import java.util.Locale;

/** Parses and prints the sizes used in configuration ({@code 64KB}, {@code 500MB}, {@code 2GB}). */
public final class ByteSizes {
  private static final String[] UNITS = {"GB", "MB", "KB"};
  private static final long[] FACTORS = {1L << 30, 1L << 20, 1L << 10};

  private ByteSizes() {}

  /** The size in bytes (units are powers of 1024), or -1 when the text is not one. */
  public static long parse(String text) {
    String raw = text.trim().toUpperCase(Locale.ROOT);
    long factor = 1;
    for (int i = 0; i < UNITS.length; i++) {
      if (raw.endsWith(UNITS[i])) {
        factor = FACTORS[i];
        raw = raw.substring(0, raw.length() - UNITS[i].length());
        break;
      }
    }
    if (raw.endsWith("B")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    if (raw.isEmpty() || !raw.chars().allMatch(Character::isDigit) || raw.length() > 18) {
      return -1;
    }
    long amount = Long.parseLong(raw);
    return amount > Long.MAX_VALUE / factor ? -1 : amount * factor;
  }

  public static String format(long bytes) {
    for (int i = 0; i < UNITS.length; i++) {
      if (bytes > 0 && bytes % FACTORS[i] == 0) {
        return bytes / FACTORS[i] + UNITS[i];
      }
    }
    return bytes + "B";
  }
}
