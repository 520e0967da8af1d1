package dev.hourglass.it.harness;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes, when the test JVM exits, every resource a test started and never closed. A child JVM or a postmaster
 * left running would outlive the build, hold ports and skew the next run; a failing test must not cause that.
 */
final class LastResortCleanup {

  private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LastResortCleanup::closeAll, "last-resort-cleanup"));
  }

  private LastResortCleanup() {}

  static void register(AutoCloseable resource) {
    OPEN.add(resource);
  }

  static void unregister(AutoCloseable resource) {
    OPEN.remove(resource);
  }

  private static void closeAll() {
    for (AutoCloseable resource : OPEN) {
      try {
        resource.close();
      } catch (Exception e) {
        // The JVM is exiting; carry on closing the rest.
      }
    }
  }
}
