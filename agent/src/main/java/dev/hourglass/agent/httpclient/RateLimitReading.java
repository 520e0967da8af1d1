package dev.hourglass.agent.httpclient;

/**
 * What one response said about its rate limit. NaN (or {@link #NO_RESET}) means the response did
 * not say, or said something unreadable. Mutable and reused per thread by {@link
 * HttpClientRecorder}; not thread-safe.
 */
final class RateLimitReading {
  static final long NO_RESET = Long.MIN_VALUE;

  double limit;
  double remaining;
  double used;
  /** When the window resets (or a throttled client may retry), in epoch milliseconds. */
  long resetEpochMillis;

  RateLimitReading() {
    clear();
  }

  void clear() {
    limit = Double.NaN;
    remaining = Double.NaN;
    used = Double.NaN;
    resetEpochMillis = NO_RESET;
  }

  boolean isEmpty() {
    return Double.isNaN(limit)
        && Double.isNaN(remaining)
        && Double.isNaN(used)
        && resetEpochMillis == NO_RESET;
  }

  /**
   * The share of the limit used: {@code used / limit} when the server says how much was used,
   * else {@code (limit - remaining) / limit}; NaN when that cannot be known or makes no sense.
   */
  double utilization() {
    if (!(limit > 0)) {
      return Double.NaN;
    }
    double consumed = !Double.isNaN(used) ? used : limit - remaining;
    return consumed >= 0 ? consumed / limit : Double.NaN;
  }
}
