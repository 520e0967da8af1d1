package dev.hourglass.bootstrap;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own log: one line per event on standard error, prefixed {@code [hourglass]}, so it
 * never depends on (or disturbs) the application's logging setup. Repeating problems are logged
 * through {@link #warnOnce}, so a fault on a hot path cannot flood the application's output.
 */
public final class AgentLog {
  private static final ConcurrentHashMap<String, Boolean> SAID = new ConcurrentHashMap<>();
  private static volatile boolean debug;
  private static volatile boolean quiet;

  private AgentLog() {}

  /** {@code debug} adds debug lines; {@code quiet} keeps only warnings and errors. */
  public static void setLevel(String level) {
    debug = "debug".equals(level);
    quiet = "warn".equals(level);
  }

  public static boolean isDebug() {
    return debug;
  }

  public static void debug(String message) {
    if (debug) {
      print("DEBUG", message);
    }
  }

  public static void info(String message) {
    if (!quiet) {
      print("INFO", message);
    }
  }

  public static void warn(String message) {
    print("WARN", message);
  }

  public static void error(String message, Throwable cause) {
    print("ERROR", cause == null ? message : message + ": " + describe(cause));
  }

  /** Warns the first time {@code key} is seen; later calls with the same key are silent. */
  public static void warnOnce(String key, String message) {
    if (SAID.putIfAbsent(key, Boolean.TRUE) == null) {
      warn(message);
    }
  }

  public static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getName() : cause.getClass().getName() + ": " + message;
  }

  private static void print(String level, String message) {
    System.err.println("[hourglass] " + level + " " + message);
  }
}
