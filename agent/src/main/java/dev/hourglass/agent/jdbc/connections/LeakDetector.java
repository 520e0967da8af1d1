package dev.hourglass.agent.jdbc.connections;

import dev.hourglass.agent.jdbc.findings.JsonLine;
import dev.hourglass.agent.jdbc.findings.QueryFindings;
import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.util.AppFrames;
import dev.hourglass.agent.util.WeakIdentityMap;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.AttributeKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports connections the application obtained from a {@code DataSource} and has not closed after
 * {@code threshold}, once each, with the frames that obtained them; and connections that were
 * garbage-collected without being closed. Tracked connections are held weakly.
 *
 * <p>Thread-safe: borrows and returns come from application threads; a daemon thread ({@code
 * hourglass-jdbc-leaks}, started with the first borrow) sweeps periodically. A borrow returned on
 * its own thread within a sweep period costs a slot of that thread's {@link BorrowSlots}: no
 * allocation, no lock, no stack walk (frames are only walked for a pool that has leaked, or with
 * {@code hourglass.jdbc.leak.frames=always}, and kept unnamed until reported, see {@link
 * AppFrames}). The sweeper moves borrows held longer than a sweep period (or than the threshold,
 * if shorter) into a weak map, where a connection collected unclosed is noticed; so is every
 * borrow that found its thread's slots full.
 */
public final class LeakDetector {
  /** One open borrow. {@code reported} is written by the sweeper only. */
  static final class Borrow {
    final long acquiredNanos;
    final String pool;
    final List<StackWalker.StackFrame> frames;
    volatile boolean reported;

    Borrow(long acquiredNanos, String pool, List<StackWalker.StackFrame> frames) {
      this.acquiredNanos = acquiredNanos;
      this.pool = pool;
      this.frames = frames;
    }
  }

  private final long thresholdNanos;
  private final boolean framesAlways;
  /** Pools that have leaked: their borrows keep frames from then on. Copy-on-write, rarely. */
  private volatile Set<String> leakedPools = Set.of();
  private final QueryFindings findings;
  private final CounterInstrument leaks;
  private final WeakIdentityMap<Object, Borrow> open = new WeakIdentityMap<>(this::collected);
  private final BorrowSlots slots = new BorrowSlots();
  /** A leak is reported at most a quarter threshold (and never more than 5 s) late. */
  private final long sweepPeriodNanos;
  private final Object startLock = new Object();
  private volatile ScheduledExecutorService sweeper; // written under startLock

  public LeakDetector(
      MetricRegistry registry, QueryFindings findings, long thresholdNanos, boolean framesAlways) {
    this.thresholdNanos = thresholdNanos;
    this.framesAlways = framesAlways;
    this.findings = findings;
    this.sweepPeriodNanos = Math.max(50_000_000L, Math.min(thresholdNanos / 4, 5_000_000_000L));
    this.leaks =
        registry.counter(
            "hourglass.db.connection.leaks",
            "Connections held longer than hourglass.jdbc.leak.threshold, or collected unclosed",
            "{connection}",
            AttributeKeys.DB_CONNECTION_POOL_NAME);
  }

  /**
   * A borrow from {@code pool}, called in the woven {@code getConnection} at {@code acquiredNanos}
   * (the clock it read as it returned: no read of its own). Its frames are kept when {@code
   * framesAlways} or once the pool has leaked: walking the stack costs more than the rest of a JDBC
   * execution, and nearly every borrow is closed in time, so by default the first leak of a pool is
   * reported without where it was obtained, and its later ones with.
   */
  void borrowed(Object connection, String pool, long acquiredNanos) {
    List<StackWalker.StackFrame> frames =
        framesAlways || leakedPools.contains(pool) ? AppFrames.borrowerFrames() : List.of();
    if (!slots.put(connection, acquiredNanos, pool, frames)) {
      open.put(connection, new Borrow(acquiredNanos, pool, frames));
    }
    startSweeper();
  }

  void returned(Object connection) {
    if (slots.releaseOwn(connection) || open.remove(connection) != null) {
      return;
    }
    // Closed on another thread than the one that obtained it, or never borrowed (a pool closing
    // its physical connection). The map is asked again: the sweeper may have moved the borrow
    // there from its slot while the slots were searched.
    if (!slots.releaseAny(connection)) {
      open.remove(connection);
    }
  }

  /** Reports every borrow older than the threshold that was not reported yet. */
  void sweep() {
    long now = System.nanoTime();
    slots.takeOlderThan(
        now - Math.min(sweepPeriodNanos, thresholdNanos),
        (connection, acquired, pool, frames) ->
            open.put(connection, new Borrow(acquired, pool, frames)),
        (connection, acquired, pool, frames) -> open.remove(connection));
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
    return slots.size() + open.size();
  }

  private void collected(Borrow borrow) {
    if (!borrow.reported) {
      borrow.reported = true;
      report(borrow, System.nanoTime() - borrow.acquiredNanos, true);
    }
  }

  private void report(Borrow borrow, long heldNanos, boolean collected) {
    keepFramesOf(borrow.pool);
    List<String> frames = AppFrames.format(borrow.frames);
    String frame = AppFrames.firstApplicationFrame(frames);
    leaks.series(borrow.pool).increment();
    findings.addLeak(
        new QueryFindings.Leak(
            System.currentTimeMillis(), borrow.pool, heldNanos, frame, frames, collected));
    JsonLine line =
        new JsonLine()
            .field("event", collected ? "db.connection.collected_unclosed" : "db.connection.leak")
            .field("db.client.connection.pool.name", borrow.pool)
            .field("held_ms", heldNanos / 1_000_000)
            .field("code.frame", frame)
            .field("acquired_at", frames);
    if (frames.isEmpty()) {
      line.field(
          "acquired_at_note",
          "not kept before a pool's first leak, kept for its later borrows"
              + " (hourglass.jdbc.leak.frames=always keeps every borrow's)");
    }
    AgentLog.warn(line.toString());
  }

  private synchronized void keepFramesOf(String pool) {
    if (!leakedPools.contains(pool)) {
      Set<String> more = new HashSet<>(leakedPools);
      more.add(pool);
      leakedPools = Set.copyOf(more);
    }
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
      sweeper.scheduleWithFixedDelay(
          this::sweepSafely, sweepPeriodNanos, sweepPeriodNanos, TimeUnit.NANOSECONDS);
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
