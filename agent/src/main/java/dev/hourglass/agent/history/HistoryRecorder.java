package dev.hourglass.agent.history;

import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Hands each snapshot from the interval clock to the history's own daemon thread, {@code
 * hourglass-history}, so a slow or failing disk never delays the clock or the other consumers, and
 * never touches an application thread. At most {@value #QUEUE} snapshots wait; beyond that an
 * interval is dropped and counted. Snapshots are immutable, so the thread may read them late.
 */
final class HistoryRecorder implements SnapshotConsumer {
  static final int QUEUE = 6;

  private final HistoryWriter writer;
  private final HistoryDirectory directory;
  private final HistoryHealth health;
  private final ThreadPoolExecutor thread =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          runnable -> {
            Thread thread = new Thread(runnable, "hourglass-history");
            thread.setDaemon(true);
            return thread;
          });

  HistoryRecorder(HistoryWriter writer, HistoryDirectory directory, HistoryHealth health) {
    this.writer = writer;
    this.directory = directory;
    this.health = health;
  }

  @Override
  public void accept(IntervalSnapshot snapshot) {
    try {
      thread.execute(() -> guarded(() -> writer.write(snapshot)));
    } catch (RejectedExecutionException full) {
      health.intervalLost();
    }
  }

  /** A bug here must not end the thread with a stack trace on the application's stderr. */
  private static void guarded(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      AgentLog.warnOnce("history-writer", "history writer failed: " + AgentLog.describe(e));
    }
  }

  /** Writes the steps filled so far and releases the folder. */
  @Override
  public void shutdown(long timeoutMillis) {
    try {
      thread.execute(
          () -> {
            guarded(() -> writer.flush(System.currentTimeMillis()));
            directory.close();
          });
    } catch (RejectedExecutionException alreadyStopped) {
      return;
    }
    thread.shutdown();
    try {
      thread.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
