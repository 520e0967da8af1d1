package dev.hourglass.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Tells whether a process that is not our child has exited. {@link ProcessHandle} counts a zombie as alive, and
 * a daemon such as the postmaster, once pg_ctl has left it to init, stays a zombie until init reaps it, which
 * some container inits do only every few seconds. Linux only: reads {@code /proc}.
 */
final class ProcessStates {

  private static final long POLL_MILLIS = 20;

  private ProcessStates() {}

  /** True once the process is gone or is a zombie, i.e. it runs no more code and holds no ports or files. */
  static boolean exited(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Format: "pid (command) state ...". The command may contain spaces and parentheses, hence lastIndexOf.
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'Z' || state == 'X';
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@link #exited(long)}; returns false if the process still runs after {@code timeout}. */
  static boolean awaitExited(long pid, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!exited(pid)) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return exited(pid);
      }
    }
    return true;
  }
}
