package dev.hourglass.agent.httpclient;

import dev.hourglass.bootstrap.HeaderLookup;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads rate-limit state from response headers, in the three shapes servers use:
 *
 * <ul>
 *   <li>GitHub style: {@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Used} and {@code
 *       -Reset} (epoch seconds);
 *   <li>IETF draft (httpapi-ratelimit-headers) separate fields: {@code RateLimit-Limit}, {@code
 *       -Remaining}, {@code -Reset} (seconds from now);
 *   <li>IETF draft structured fields: {@code RateLimit: limit=100, remaining=50, reset=30} (early
 *       drafts) or {@code RateLimit: "default";r=50;t=30} with {@code RateLimit-Policy:
 *       "default";q=100;w=60} (later drafts);
 * </ul>
 *
 * plus {@code Retry-After} (seconds or an HTTP date) on 429 and 503 responses, which gives the reset
 * time when nothing else does. A reset value of at least {@value #EPOCH_SECONDS_THRESHOLD} is read
 * as epoch seconds (GitHub, Twitter), a smaller one as seconds from now (IETF, most others).
 *
 * <p>Garbage is ignored field by field and never thrown. Stateless and thread-safe; reading the
 * common response that carries none of these headers costs five header lookups and allocates
 * nothing.
 */
final class RateLimitHeaders {
  static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;
  /**
   * Resets further from now than this, either way, are garbage (a quota window is at most a month
   * or so; {@code Retry-After: 999999999} would be 31 years): ignored, so the dashboard and the
   * reset gauge never show an absurd time.
   */
  static final Duration MAX_RESET_DISTANCE = Duration.ofDays(366);

  private RateLimitHeaders() {}

  /**
   * Fills {@code into} (cleared first) from the response's headers; returns whether any rate-limit
   * information was found.
   */
  static <R> boolean read(
      R response, HeaderLookup<R> headers, int status, long nowEpochMillis, RateLimitReading into) {
    into.clear();
    if (!readSeparateFields(response, headers, true, nowEpochMillis, into)
        && !readSeparateFields(response, headers, false, nowEpochMillis, into)) {
      readStructured(response, headers, nowEpochMillis, into);
    }
    if ((status == 429 || status == 503) && into.resetEpochMillis == RateLimitReading.NO_RESET) {
      into.resetEpochMillis = retryAfter(headers.get(response, "Retry-After"), nowEpochMillis);
    }
    return !into.isEmpty();
  }

  private static <R> boolean readSeparateFields(
      R response, HeaderLookup<R> headers, boolean github, long now, RateLimitReading into) {
    // Whole names as constants: building them from a prefix would allocate on every response.
    String remaining =
        headers.get(response, github ? "X-RateLimit-Remaining" : "RateLimit-Remaining");
    String limit = headers.get(response, github ? "X-RateLimit-Limit" : "RateLimit-Limit");
    if (remaining == null && limit == null) {
      return false;
    }
    into.remaining = HeaderNumbers.parse(remaining);
    into.limit = HeaderNumbers.leading(limit);
    if (github) {
      into.used = HeaderNumbers.parse(headers.get(response, "X-RateLimit-Used"));
    }
    String reset = headers.get(response, github ? "X-RateLimit-Reset" : "RateLimit-Reset");
    into.resetEpochMillis = resetAt(HeaderNumbers.parse(reset), now);
    return true;
  }

  private static <R> void readStructured(
      R response, HeaderLookup<R> headers, long now, RateLimitReading into) {
    String rateLimit = headers.get(response, "RateLimit");
    if (rateLimit == null) {
      return;
    }
    into.remaining = first(param(rateLimit, "remaining"), param(rateLimit, "r"));
    into.limit = param(rateLimit, "limit");
    into.resetEpochMillis = resetAt(first(param(rateLimit, "reset"), param(rateLimit, "t")), now);
    if (Double.isNaN(into.limit)) {
      String policy = headers.get(response, "RateLimit-Policy");
      if (policy != null) {
        into.limit = first(param(policy, "q"), HeaderNumbers.leading(policy));
      }
    }
  }

  /**
   * The value of the first {@code key=value} parameter named {@code key} (case-insensitive) in a
   * list separated by {@code ,} or {@code ;}; NaN if absent or not a number.
   */
  static double param(String field, String key) {
    int length = field.length();
    int start = 0;
    while (start < length) {
      int end = start;
      while (end < length && field.charAt(end) != ',' && field.charAt(end) != ';') {
        end++;
      }
      int nameStart = HeaderNumbers.skipSpaces(field, start);
      int nameEnd = nameStart + key.length();
      if (nameEnd < end
          && field.charAt(nameEnd) == '='
          && field.regionMatches(true, nameStart, key, 0, key.length())) {
        int valueEnd = end;
        while (valueEnd > nameEnd && HeaderNumbers.isSpace(field.charAt(valueEnd - 1))) {
          valueEnd--;
        }
        return HeaderNumbers.parse(field, HeaderNumbers.skipSpaces(field, nameEnd + 1), valueEnd);
      }
      start = end + 1;
    }
    return Double.NaN;
  }

  private static double first(double preferred, double fallback) {
    return Double.isNaN(preferred) ? fallback : preferred;
  }

  /** A reset value as an instant: epoch seconds when large, seconds from now otherwise. */
  static long resetAt(double value, long nowEpochMillis) {
    if (Double.isNaN(value)) {
      return RateLimitReading.NO_RESET;
    }
    long reset =
        value >= EPOCH_SECONDS_THRESHOLD
            ? (long) (value * 1000)
            : nowEpochMillis + (long) (value * 1000);
    return plausible(reset, nowEpochMillis);
  }

  private static long plausible(long resetEpochMillis, long nowEpochMillis) {
    return Math.abs(resetEpochMillis - nowEpochMillis) <= MAX_RESET_DISTANCE.toMillis()
        ? resetEpochMillis
        : RateLimitReading.NO_RESET;
  }

  /** {@code Retry-After}: delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
  static long retryAfter(String value, long nowEpochMillis) {
    if (value == null) {
      return RateLimitReading.NO_RESET;
    }
    double seconds = HeaderNumbers.parse(value);
    if (!Double.isNaN(seconds)) {
      // Delta-seconds only: an epoch-sized value here is garbage, not a date.
      return seconds < EPOCH_SECONDS_THRESHOLD
          ? plausible(nowEpochMillis + (long) (seconds * 1000), nowEpochMillis)
          : RateLimitReading.NO_RESET;
    }
    try {
      return plausible(
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant()
              .toEpochMilli(),
          nowEpochMillis);
    } catch (DateTimeParseException | ArithmeticException e) {
      return RateLimitReading.NO_RESET;
    }
  }
}
