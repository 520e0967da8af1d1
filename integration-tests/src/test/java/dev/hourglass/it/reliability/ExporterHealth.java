package dev.hourglass.it.reliability;

import dev.hourglass.it.harness.Http;
import dev.hourglass.it.web.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the OTLP exporter of an application's agent through its {@code /api/health}, which keeps
 * answering while the collector cannot be reached, so the figures OTLP cannot deliver during an
 * outage are still seen. A thread of its own polls every {@code every} and keeps the largest queue
 * it saw; close the watch to stop it.
 */
final class ExporterHealth implements AutoCloseable {

  /** The OTLP exporter's figures in one answer of {@code /api/health}. */
  record Reading(long queuedSnapshots, long droppedPoints, long failedAttempts, long exportedPoints) {}

  private final String healthUrl;
  private final Duration every;
  private final AtomicLong largestQueue = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread poller;
  private volatile boolean running = true;

  private ExporterHealth(String healthUrl, Duration every) {
    this.healthUrl = healthUrl;
    this.every = every;
    this.poller = new Thread(this::poll, "exporter-health " + healthUrl);
    poller.setDaemon(true);
  }

  /** Starts polling the agent's server at {@code agentBaseUrl} ({@code http://127.0.0.1:PORT}). */
  static ExporterHealth watch(String agentBaseUrl, Duration every) {
    ExporterHealth watch = new ExporterHealth(agentBaseUrl + "/api/health", every);
    watch.poller.start();
    return watch;
  }

  /** Asks now, on the calling thread. */
  Reading read() {
    return read(healthUrl);
  }

  /** Asks the agent whose server is at {@code agentBaseUrl} once. */
  static Reading readOnce(String agentBaseUrl) {
    return read(agentBaseUrl + "/api/health");
  }

  private static Reading read(String healthUrl) {
    Http.Response response = Http.get(healthUrl);
    if (response.status() != 200) {
      throw new AssertionError(healthUrl + " answered " + response.status() + ": " + response.body());
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> exporters = (List<Map<String, Object>>) Json.object(response.body()).get("exporters");
    Map<String, Object> otlp = exporters.stream()
        .filter(exporter -> "otlp".equals(exporter.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no otlp exporter in " + response.body()));
    return new Reading(
        number(otlp, "queuedSnapshots"),
        number(otlp, "droppedPoints"),
        number(otlp, "failedAttempts"),
        number(otlp, "exportedPoints"));
  }

  /** The largest queue any poll saw so far. */
  long largestQueue() {
    rethrowPollFailure();
    return largestQueue.get();
  }

  private void poll() {
    while (running) {
      try {
        largestQueue.accumulateAndGet(read().queuedSnapshots(), Math::max);
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | AssertionError e) {
        failure.compareAndSet(null, e);
        return;
      }
    }
  }

  private void rethrowPollFailure() {
    Throwable e = failure.get();
    if (e != null) {
      throw new AssertionError("polling " + healthUrl + " failed", e);
    }
  }

  private static long number(Map<String, Object> object, String field) {
    Object value = object.get(field);
    if (!(value instanceof Number number)) {
      throw new AssertionError("health field " + field + " is " + value + ", not a number");
    }
    return number.longValue();
  }

  @Override
  public void close() {
    running = false; // not interrupt(): Http would report it as a failed poll
    try {
      poller.join(Duration.ofSeconds(15).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
