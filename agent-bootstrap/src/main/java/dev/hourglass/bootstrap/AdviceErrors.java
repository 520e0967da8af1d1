package dev.hourglass.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts throwables raised inside advice. Advice is woven with an exception handler that calls
 * {@link #record}: the throwable is swallowed so the application never sees the agent's faults,
 * and is reported through the {@code hourglass.agent.advice.errors} self-metric and one log line.
 */
public final class AdviceErrors {
  private static final AtomicLong COUNT = new AtomicLong();
  private static volatile Throwable first;

  private AdviceErrors() {}

  /** Called by woven advice with the throwable it suppressed. Never throws. */
  public static void record(Throwable error) {
    if (COUNT.getAndIncrement() == 0) {
      first = error;
    }
  }

  public static long count() {
    return COUNT.get();
  }

  /** The first suppressed throwable, kept for the agent's log line; null if none. */
  public static Throwable first() {
    return first;
  }
}
