package dev.hourglass.bootstrap;

/**
 * The one "not timed" convention of every family. Enter advice returns a start time from {@link
 * #start}, or {@link #NOT_TIMED} for a call it does not time (a nested call, the agent's own
 * threads, nothing installed yet); enter advice that returns a scope object (the servlet family's
 * {@link RequestContext}) returns null instead. Both are the default value ByteBuddy hands the exit
 * advice when a suppressed enter advice threw, so a call whose enter failed is never timed.
 */
public final class Timing {
  /** What enter advice returns for a call it does not time. */
  public static final long NOT_TIMED = 0L;

  private Timing() {}

  /** {@link System#nanoTime()}, shifted by 1 ns in the rare case it reads {@link #NOT_TIMED}. */
  public static long start() {
    long now = System.nanoTime();
    return now == NOT_TIMED ? 1L : now;
  }
}
