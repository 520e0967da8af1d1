package dev.hourglass.agent.jdbc.connections;

import dev.hourglass.agent.jdbc.findings.AppFrames;
import dev.hourglass.agent.jdbc.findings.JsonLine;
import dev.hourglass.agent.jdbc.findings.QueryFindings;
import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.util.WeakIdentityMap;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.AttributeKeys;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports connections the application obtained from a {@code DataSource} and has not closed after
 * {@code threshold}, once each, with the frames that obtained them; and connections that were
 * garbage-collected without being closed. Tracked connections are held weakly.
 *
 * <p>Thread-safe: borrows and returns come from application threads; a daemon thread ({@code
 * hourglass-jdbc-leaks}, started with the first borrow) sweeps periodically. A borrow costs one
 * weak-map entry plus the caller's frames (captured by the caller, see {@link AppFrames}).
 */
public final class LeakDetector {
  /** One open borrow. {@code reported} is written by the sweeper only. */
  static final class Borrow {
    final long acquiredNanos;
    final String pool;
    final List<String> frames;
    volatile boolean reported;

    Borrow(long acquiredNanos, String pool, List<String> frames) {
      this.acquiredNanos = acquiredNanos;
      this.pool = pool;
      this.frames = frames;
    }
  }

  private final long thresholdNanos;
  private final QueryFindings findings;
  private final CounterInstrument leaks;
  private final WeakIdentityMap<Object, Borrow> open = new WeakIdentityMap<>(this::collected);
  private final Object startLock = new Object();
  private volatile ScheduledExecutorService sweeper; // written under startLock

  public LeakDetector(MetricRegistry registry, QueryFindings findings, long thresholdNanos) {
    this.thresholdNanos = thresholdNanos;
    this.findings = findings;
    this.leaks =
        registry.counter(
            "hourglass.db.connection.leaks",
            "Connections held longer than hourglass.jdbc.leak.threshold, or collected unclosed",
            "{connection}",
            AttributeKeys.DB_CONNECTION_POOL_NAME);
  }

  void borrowed(Object connection, String pool, List<String> frames) {
    open.put(connection, new Borrow(System.nanoTime(), pool, frames));
    startSweeper();
  }

  void returned(Object connection) {
    open.remove(connection);
  }

  /** Reports every borrow older than the threshold that was not reported yet. */
  void sweep() {
    long now = System.nanoTime();
    open.forEach(
        (connection, borrow) -> {
          long held = now - borrow.acquiredNanos;
          if (!borrow.reported && held >= thresholdNanos) {
            borrow.reported = true;
            report(borrow, held, false);
          }
        });
  }

  int openCount() {
    return open.size();
  }

  private void collected(Borrow borrow) {
    if (!borrow.reported) {
      borrow.reported = true;
      report(borrow, System.nanoTime() - borrow.acquiredNanos, true);
    }
  }

  private void report(Borrow borrow, long heldNanos, boolean collected) {
    String frame = AppFrames.firstApplicationFrame(borrow.frames);
    leaks.series(borrow.pool).increment();
    findings.addLeak(
        new QueryFindings.Leak(
            System.currentTimeMillis(), borrow.pool, heldNanos, frame, borrow.frames, collected));
    AgentLog.warn(
        new JsonLine()
            .field("event", collected ? "db.connection.collected_unclosed" : "db.connection.leak")
            .field("db.client.connection.pool.name", borrow.pool)
            .field("held_ms", heldNanos / 1_000_000)
            .field("code.frame", frame)
            .field("acquired_at", borrow.frames)
            .toString());
  }

  private void startSweeper() {
    if (sweeper != null) {
      return;
    }
    synchronized (startLock) {
      if (sweeper != null) {
        return;
      }
      sweeper =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "hourglass-jdbc-leaks");
                thread.setDaemon(true);
                return thread;
              });
      // A leak is reported at most a quarter threshold (and never more than 5 s) late.
      long period = Math.max(50_000_000L, Math.min(thresholdNanos / 4, 5_000_000_000L));
      sweeper.scheduleWithFixedDelay(this::sweepSafely, period, period, TimeUnit.NANOSECONDS);
    }
  }

  private void sweepSafely() {
    try {
      sweep();
    } catch (Throwable e) {
      AgentLog.warnOnce("jdbc-leak-sweep", "leak sweep failed: " + AgentLog.describe(e));
    }
  }
}
