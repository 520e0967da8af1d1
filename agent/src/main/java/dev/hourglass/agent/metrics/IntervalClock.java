package dev.hourglass.agent.metrics;

import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one clock of the agent: every interval it swaps every recorder exactly once ({@link
 * MetricRegistry#collect}) and hands the same immutable snapshot to every consumer. No consumer
 * swaps recorders itself, so OTLP, Prometheus and the dashboard never steal intervals from each
 * other.
 *
 * <p>Runs on one daemon thread, {@code hourglass-interval}. {@link #tick} is synchronized on a
 * dedicated lock so the shutdown flush cannot interleave with a scheduled tick.
 */
public final class IntervalClock {
  private final MetricRegistry registry;
  private final Duration interval;
  private final List<SnapshotConsumer> consumers = new CopyOnWriteArrayList<>();
  private final Object tickLock = new Object();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "hourglass-interval");
            thread.setDaemon(true);
            return thread;
          });
  private long sequence; // guarded by tickLock
  private long intervalStartEpochNanos; // guarded by tickLock
  private volatile IntervalSnapshot latest;
  private volatile boolean stopped;

  public IntervalClock(MetricRegistry registry, Duration interval) {
    this.registry = registry;
    this.interval = interval;
    this.intervalStartEpochNanos = nowEpochNanos();
  }

  public void addConsumer(SnapshotConsumer consumer) {
    consumers.add(consumer);
  }

  public Duration interval() {
    return interval;
  }

  public void start() {
    long millis = interval.toMillis();
    scheduler.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** The most recent snapshot, or null before the first interval ends. */
  public IntervalSnapshot latest() {
    return latest;
  }

  /** Ends the current interval now and publishes it. Normally called by the schedule only. */
  public void tick() {
    synchronized (tickLock) {
      if (stopped) {
        return;
      }
      publish();
    }
  }

  /**
   * Nothing may escape, not even an {@link Error}: a scheduled task that throws is never run again,
   * which would end every export silently, and one consumer's failure must not starve the others.
   */
  private void publish() {
    long end = nowEpochNanos();
    IntervalSnapshot snapshot;
    try {
      snapshot = registry.collect(++sequence, intervalStartEpochNanos, end);
    } catch (Throwable e) {
      AgentLog.error("collecting the interval failed; its data is lost", e);
      return;
    } finally {
      intervalStartEpochNanos = end;
    }
    latest = snapshot;
    for (SnapshotConsumer consumer : consumers) {
      try {
        consumer.accept(snapshot);
      } catch (Throwable e) {
        AgentLog.warnOnce(
            "consumer-" + consumer.getClass().getName(),
            consumer.getClass().getSimpleName() + " failed on a snapshot: " + AgentLog.describe(e));
      }
    }
  }

  /**
   * Publishes the last, partial interval and stops: consumers get {@code timeout} in total to
   * deliver what is pending. For the JVM shutdown hook; safe to call twice.
   */
  public void shutdown(Duration timeout) {
    synchronized (tickLock) {
      if (stopped) {
        return;
      }
      scheduler.shutdownNow();
      publish();
      stopped = true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (SnapshotConsumer consumer : consumers) {
      long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
      try {
        consumer.shutdown(left);
      } catch (RuntimeException e) {
        AgentLog.warn("shutting down " + consumer.getClass().getSimpleName() + " failed: " + e);
      }
    }
  }

  static long nowEpochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
