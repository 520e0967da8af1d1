package dev.hourglass.exporter;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one exporter has done: points delivered and dropped, failed attempts, when it last
 * succeeded or failed and why. Read by the agent's self-metrics and health endpoint. Thread-safe.
 */
public final class ExportStats {
  private final String exporter;
  private final AtomicLong exportedPoints = new AtomicLong();
  private final AtomicLong droppedPoints = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong lastSuccessEpochMillis = new AtomicLong();
  private final AtomicLong lastFailureEpochMillis = new AtomicLong();
  private final AtomicLong lastDurationNanos = new AtomicLong();
  private final AtomicLong queuedSnapshots = new AtomicLong();
  private final AtomicReference<String> lastFailure = new AtomicReference<>();

  public ExportStats(String exporter) {
    this.exporter = exporter;
  }

  public String exporter() {
    return exporter;
  }

  public void succeeded(long points, long durationNanos) {
    exportedPoints.addAndGet(points);
    lastDurationNanos.set(durationNanos);
    lastSuccessEpochMillis.set(System.currentTimeMillis());
  }

  public void failed(String reason, long durationNanos) {
    failedAttempts.incrementAndGet();
    lastDurationNanos.set(durationNanos);
    lastFailureEpochMillis.set(System.currentTimeMillis());
    lastFailure.set(reason);
  }

  public void dropped(long points) {
    droppedPoints.addAndGet(points);
  }

  /** Snapshots now waiting in the exporter's queue, the one in flight included. */
  public void queued(int snapshots) {
    queuedSnapshots.set(snapshots);
  }

  public long queuedSnapshots() {
    return queuedSnapshots.get();
  }

  public long exportedPoints() {
    return exportedPoints.get();
  }

  public long droppedPoints() {
    return droppedPoints.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** Epoch millis of the last successful export, 0 if none yet. */
  public long lastSuccessEpochMillis() {
    return lastSuccessEpochMillis.get();
  }

  /** Epoch millis of the last failed attempt, 0 if none. */
  public long lastFailureEpochMillis() {
    return lastFailureEpochMillis.get();
  }

  public String lastFailure() {
    return lastFailure.get();
  }

  public long lastDurationNanos() {
    return lastDurationNanos.get();
  }
}
