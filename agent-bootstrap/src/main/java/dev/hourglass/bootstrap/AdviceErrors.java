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

  /**
   * What the agent says about a suppressed throwable, in its log and on {@code /api/health}: the
   * class and the frame that threw, never the message. Advice faults are often the application's
   * own exceptions (a wrapper's getter, a driver's {@code getMetaData()}), whose messages may carry
   * its data: a header value, a JDBC URL with a password.
   */
  public static String describe(Throwable error) {
    StackTraceElement[] frames = error.getStackTrace();
    return error.getClass().getName() + (frames.length == 0 ? "" : " at " + frames[0]);
  }
}
