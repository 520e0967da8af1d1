package dev.hourglass.agent.httpclient;

/**
 * Reads the non-negative numbers rate-limit headers carry, without exceptions or allocation: a
 * value that is not such a number (garbage, a sign, an exponent, more than 15 integer digits) reads
 * as NaN and is ignored by the caller. Stateless.
 */
final class HeaderNumbers {
  /** Beyond this a double no longer holds every integer exactly; no real limit is that large. */
  private static final int MAX_INTEGER_DIGITS = 15;

  private HeaderNumbers() {}

  /** The whole value as a number ({@code " 42 "}, {@code "1.5"}); NaN otherwise. */
  static double parse(String value) {
    if (value == null) {
      return Double.NaN;
    }
    int end = value.length();
    while (end > 0 && isSpace(value.charAt(end - 1))) {
      end--;
    }
    return parse(value, skipSpaces(value, 0), end);
  }

  /**
   * The number that opens the value, up to the first {@code ,} or {@code ;}: the IETF draft's
   * {@code RateLimit-Limit: 100, 100;w=60} and {@code RateLimit-Policy: 100;w=60} forms.
   */
  static double leading(String value) {
    if (value == null) {
      return Double.NaN;
    }
    int end = 0;
    while (end < value.length() && value.charAt(end) != ',' && value.charAt(end) != ';') {
      end++;
    }
    while (end > 0 && isSpace(value.charAt(end - 1))) {
      end--;
    }
    return parse(value, skipSpaces(value, 0), end);
  }

  /** {@code text[from, to)} as a non-negative decimal number, NaN if it is anything else. */
  static double parse(String text, int from, int to) {
    long integer = 0;
    int digits = 0;
    int i = from;
    while (i < to && isDigit(text.charAt(i))) {
      if (++digits > MAX_INTEGER_DIGITS) {
        return Double.NaN;
      }
      integer = integer * 10 + (text.charAt(i) - '0');
      i++;
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i == to) {
      return integer;
    }
    if (text.charAt(i) != '.') {
      return Double.NaN;
    }
    i++;
    double fraction = 0;
    double scale = 1;
    int fractionDigits = 0;
    while (i < to && isDigit(text.charAt(i))) {
      if (fractionDigits++ < 9) {
        fraction = fraction * 10 + (text.charAt(i) - '0');
        scale *= 10;
      }
      i++;
    }
    return i == to && fractionDigits > 0 ? integer + fraction / scale : Double.NaN;
  }

  static int skipSpaces(String text, int from) {
    while (from < text.length() && isSpace(text.charAt(from))) {
      from++;
    }
    return from;
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
