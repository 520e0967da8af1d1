package dev.hourglass.agent.alerts.notify;

import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.NotificationStats;
import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.AttributeKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Sends every alert event to every notifier from one daemon thread, {@code hourglass-alerts}.
 *
 * <p>Concurrency contract: {@link #accept} never blocks and never throws — it only enqueues, so the
 * evaluating thread (and no application thread ever) waits on a receiver. Deliveries, retries
 * included, are bounded by {@code capacity}: when that many are waiting, a new one is dropped and
 * counted. A failed delivery is retried up to {@code retries} times after a backoff that starts at
 * {@code initialBackoff} and doubles up to 30 s; a delivery that fails every time is counted as
 * failed. Counts are exported as {@code hourglass.alerts.notifications{notifier,outcome}}. Each
 * notifier's health changes are logged once each — failing (with the reason) and delivering again —
 * and a failing notifier is reported by {@link #stats} for {@code /api/health}, so a mail server
 * that is down costs one log line, not one per alert. An event goes only to the notifiers it is
 * {@linkplain AlertEvent#isFor for}. {@link #shutdown} is safe to call twice.
 */
public final class NotificationDispatcher implements Consumer<AlertEvent> {
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final List<Notifier> notifiers;
  private final int capacity;
  private final int retries;
  private final long initialBackoffMillis;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicInteger waiting = new AtomicInteger();
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final CounterInstrument outcomes;
  private final Map<String, String> failing = new ConcurrentHashMap<>();

  public NotificationDispatcher(
      List<Notifier> notifiers,
      int capacity,
      int retries,
      Duration initialBackoff,
      MetricRegistry registry) {
    this.notifiers = List.copyOf(notifiers);
    this.capacity = capacity;
    this.retries = retries;
    this.initialBackoffMillis = initialBackoff.toMillis();
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "hourglass-alerts");
              thread.setDaemon(true);
              return thread;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.outcomes =
        registry.counter(
            "hourglass.alerts.notifications",
            "Alert notifications by notifier and outcome (sent, failed, retried, dropped)",
            "{notification}",
            AttributeKeys.NOTIFIER,
            AttributeKeys.OUTCOME);
  }

  /** Queues the event for every notifier; drops (and counts) what does not fit. Never blocks. */
  @Override
  public void accept(AlertEvent event) {
    for (Notifier notifier : notifiers) {
      if (!event.isFor(notifier.name())) {
        continue;
      }
      if (waiting.incrementAndGet() > capacity) {
        waiting.decrementAndGet();
        count(dropped, notifier, "dropped");
        AgentLog.warnOnce(
            "alerts-queue-full",
            "alert notifications are not keeping up; dropping new ones (counted in"
                + " hourglass.alerts.notifications{outcome=dropped})");
        continue;
      }
      try {
        executor.execute(() -> attempt(notifier, event, 0));
      } catch (java.util.concurrent.RejectedExecutionException shutDown) {
        waiting.decrementAndGet();
        count(dropped, notifier, "dropped");
      }
    }
  }

  private void attempt(Notifier notifier, AlertEvent event, int attempt) {
    try {
      notifier.send(event);
      count(sent, notifier, "sent");
      waiting.decrementAndGet();
      if (failing.remove(notifier.name()) != null) {
        AgentLog.info("alert notifier " + notifier.name() + " is delivering again");
      }
    } catch (Exception | LinkageError e) {
      String reason = AgentLog.describe(e);
      if (failing.put(notifier.name(), reason) == null) {
        AgentLog.warn(
            "alert notifier " + notifier.name() + " is failing (" + reason + "); deliveries are"
                + " retried and counted in hourglass.alerts.notifications{outcome=failed}");
      }
      if (attempt < retries && !executor.isShutdown()) {
        count(retried, notifier, "retried");
        long backoff = Math.min(MAX_BACKOFF_MILLIS, initialBackoffMillis << Math.min(attempt, 20));
        try {
          executor.schedule(() -> attempt(notifier, event, attempt + 1), backoff, TimeUnit.MILLISECONDS);
          return;
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
          // fall through: counted as failed
        }
      }
      waiting.decrementAndGet();
      count(failed, notifier, "failed");
    }
  }

  private void count(LongAdder total, Notifier notifier, String outcome) {
    total.increment();
    outcomes.series(notifier.name(), outcome).increment();
  }

  public NotificationStats stats() {
    return new NotificationStats(
        sent.sum(), failed.sum(), retried.sum(), dropped.sum(), failing);
  }

  /** Deliveries queued or waiting for a retry. */
  public int waiting() {
    return waiting.get();
  }

  /** Sends what is queued (no further retries) for at most {@code timeoutMillis}, then stops. */
  public void shutdown(long timeoutMillis) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
