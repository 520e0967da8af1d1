package dev.hourglass.bootstrap;

/**
 * Per-thread nesting depth per instrumented family, so that nested calls are timed once, at the
 * outermost level: a filter chain calling servlets, a pool proxy calling the driver, an HTTP client
 * library built on another one.
 *
 * <p>Thread-confined: each thread only touches its own counters. Every {@link #enter} must be paired
 * with one {@link #exit} on the same thread (advice does this in enter/exit methods, and exit runs
 * on exceptions too).
 */
public final class CallDepth {
  public static final int SERVLET = 0;
  public static final int JDBC = 1;
  public static final int HTTP_CLIENT = 2;
  public static final int JDBC_CONNECTION = 3;
  public static final int CACHE = 4;
  private static final int FAMILIES = 5;

  private static final ThreadLocal<int[]> DEPTHS =
      new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
          return new int[FAMILIES];
        }
      };

  private CallDepth() {}

  /** Enters one level; returns true when this is the outermost call of the family. */
  public static boolean enter(int family) {
    return DEPTHS.get()[family]++ == 0;
  }

  /** Leaves one level; returns true when the outermost call of the family has just ended. */
  public static boolean exit(int family) {
    int[] depths = DEPTHS.get();
    // Never go below zero: a retransformation that attached mid-call may see an exit without enter.
    if (depths[family] <= 0) {
      depths[family] = 0;
      return false;
    }
    return --depths[family] == 0;
  }

  /**
   * Sets the family's depth to zero and returns what it was, for code that runs inside a call but
   * is not part of it (a cache's loader: the lookups it makes are lookups of their own). Pair it
   * with {@link #resume} in a {@code finally}.
   */
  public static int suspend(int family) {
    int[] depths = DEPTHS.get();
    int depth = depths[family];
    depths[family] = 0;
    return depth;
  }

  /** Restores the depth {@link #suspend} returned. */
  public static void resume(int family, int depth) {
    DEPTHS.get()[family] = depth;
  }

  /** True while the current thread is inside a call of the family. */
  public static boolean inside(int family) {
    return DEPTHS.get()[family] > 0;
  }
}
