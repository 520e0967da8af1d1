package dev.hourglass.agent.jdbc.connections;

import static org.assertj.core.api.Assertions.assertThat;

import app.Borrowing;
import dev.hourglass.agent.jdbc.findings.QueryFindings;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.util.AppFrames;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Leaks are reported once each, after the threshold; where a leaked connection was obtained is
 * kept for every borrow with {@code hourglass.jdbc.leak.frames=always}, and by default for the
 * borrows of a pool once it has leaked.
 */
class LeakDetectorTest {
  private static final long THRESHOLD_NANOS = 1_000_000;

  private final QueryFindings findings = new QueryFindings(10);

  @Test
  void byDefaultAPoolsFirstLeakHasNoFramesAndItsLaterLeaksHaveThem() throws Exception {
    LeakDetector leaks = detector(false);

    Object first = new Object();
    leaks.borrowed(first, "pool-a", System.nanoTime());
    sweepAfterThreshold(leaks);
    Object second = new Object();
    Borrowing.borrow(() -> leaks.borrowed(second, "pool-a", System.nanoTime()));
    Object otherPool = new Object();
    leaks.borrowed(otherPool, "pool-b", System.nanoTime());
    sweepAfterThreshold(leaks);

    List<QueryFindings.Leak> reported = findings.leaks();
    assertThat(reported).hasSize(3);
    assertThat(leakOf(reported, "pool-a", true).acquiredAt()).isEmpty();
    assertThat(leakOf(reported, "pool-a", false).frame()).startsWith("app.Borrowing.borrow(");
    assertThat(leakOf(reported, "pool-b", true).acquiredAt()).as("another pool's first").isEmpty();
  }

  @Test
  void withFramesAlwaysTheFirstLeakSaysWhereItWasObtained() throws Exception {
    LeakDetector leaks = detector(true);

    Borrowing.borrow(() -> leaks.borrowed(new Object(), "pool-a", System.nanoTime()));
    sweepAfterThreshold(leaks);

    QueryFindings.Leak leak = findings.leaks().get(0);
    assertThat(findings.leaks()).hasSize(1);
    assertThat(leak.frame()).startsWith("app.Borrowing.borrow(");
    assertThat(leak.acquiredAt()).hasSizeBetween(1, AppFrames.MAX_FRAMES);
  }

  private LeakDetector detector(boolean framesAlways) {
    return new LeakDetector(new MetricRegistry(100, 30), findings, THRESHOLD_NANOS, framesAlways);
  }

  private static void sweepAfterThreshold(LeakDetector leaks) throws InterruptedException {
    Thread.sleep(THRESHOLD_NANOS / 1_000_000 + 5);
    leaks.sweep();
  }

  /** The pool's leak with or without frames. */
  private static QueryFindings.Leak leakOf(
      List<QueryFindings.Leak> leaks, String pool, boolean withoutFrames) {
    return leaks.stream()
        .filter(leak -> leak.pool().equals(pool) && leak.acquiredAt().isEmpty() == withoutFrames)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no leak of " + pool + " in " + leaks));
  }
}
