package dev.hourglass.agent.httpclient;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * One downstream host (a {@code server.address}) the application calls: how many calls, errors
 * and 429 responses it has seen, and its latest rate-limit state.
 *
 * <p>Thread-safe. Counting is lock-free. Rate-limit updates are rare (only responses that carry
 * rate-limit headers) and replace the state under {@link #lock}, so {@link #view} sees one
 * response's values together; gauges read the volatile fields without the lock. Concurrent
 * responses are applied in the order they finish: the last one wins.
 */
public final class DownstreamHost {
  private final String address;
  private final LongAdder calls = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder throttled = new LongAdder();
  private final Object lock = new Object();
  private volatile double limit = Double.NaN;
  private volatile double remaining = Double.NaN;
  private volatile double used = Double.NaN;
  private volatile double utilization = Double.NaN;
  private volatile long resetEpochMillis = RateLimitReading.NO_RESET;
  private volatile long rateLimitSeenEpochMillis;
  private volatile PortText lastPort = new PortText(-1, "");

  // Made once, so installing them as gauge sources allocates nothing.
  private final DoubleSupplier limitSupplier = () -> limit;
  private final DoubleSupplier remainingSupplier = () -> remaining;
  private final DoubleSupplier utilizationSupplier = () -> utilization;
  private final DoubleSupplier resetSupplier;

  DownstreamHost(String address, LongSupplier epochMillis) {
    this.address = address;
    this.resetSupplier = () -> secondsToReset(epochMillis.getAsLong());
  }

  public String address() {
    return address;
  }

  /** The port as attribute text; remembers the last one so a steady port allocates nothing. */
  String portText(int port) {
    if (port < 0) {
      return "";
    }
    PortText last = lastPort;
    if (last.port != port) {
      last = new PortText(port, Integer.toString(port));
      lastPort = last; // one object, so the port and its text are always read together
    }
    return last.text;
  }

  void countCall(boolean error, boolean wasThrottled) {
    calls.increment();
    if (error) {
      errors.increment();
    }
    if (wasThrottled) {
      throttled.increment();
    }
  }

  /** Applies one response's rate-limit headers; fields it did not carry keep their last value. */
  void update(RateLimitReading reading, long nowEpochMillis) {
    synchronized (lock) {
      if (!Double.isNaN(reading.limit)) {
        limit = reading.limit;
      }
      if (!Double.isNaN(reading.remaining)) {
        remaining = reading.remaining;
      }
      used = reading.used; // only meaningful with the limit of the same response
      if (reading.resetEpochMillis != RateLimitReading.NO_RESET) {
        resetEpochMillis = reading.resetEpochMillis;
      }
      double fresh = reading.utilization();
      if (!Double.isNaN(fresh)) {
        utilization = fresh;
      }
      rateLimitSeenEpochMillis = nowEpochMillis;
    }
  }

  DoubleSupplier limitSupplier() {
    return limitSupplier;
  }

  DoubleSupplier remainingSupplier() {
    return remainingSupplier;
  }

  DoubleSupplier utilizationSupplier() {
    return utilizationSupplier;
  }

  DoubleSupplier resetSupplier() {
    return resetSupplier;
  }

  /** Seconds until the rate-limit window resets (0 once passed), NaN if never told. */
  double secondsToReset(long nowEpochMillis) {
    long reset = resetEpochMillis;
    if (reset == RateLimitReading.NO_RESET) {
      return Double.NaN;
    }
    return Math.max(0, reset - nowEpochMillis) / 1000.0;
  }

  /** A consistent copy of this host's state, for the dashboard. */
  public DownstreamHostView view(long nowEpochMillis) {
    synchronized (lock) {
      return new DownstreamHostView(
          address,
          calls.sum(),
          errors.sum(),
          throttled.sum(),
          limit,
          remaining,
          used,
          utilization,
          secondsToReset(nowEpochMillis),
          rateLimitSeenEpochMillis);
    }
  }

  private record PortText(int port, String text) {}
}
