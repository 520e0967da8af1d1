package dev.hourglass.exporter.otlp;

import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.exporter.ExportStats;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotConsumer;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ships snapshots to an OTLP collector with the OpenTelemetry SDK's own exporters (http/protobuf or
 * gRPC), from a thread of its own so the interval clock, let alone the application, never waits on
 * the network.
 *
 * <p>Each snapshot is mapped to metric data as it arrives, on the caller's thread, and waits in a
 * bounded queue. A failed export stays at the head and is retried with exponential backoff (1 s
 * doubling to 30 s); when a new snapshot arrives and the queue is full, the oldest is dropped and
 * its points are counted as dropped. Memory is therefore bounded by {@link
 * OtlpOptions#queueCapacity()} snapshots however long the collector is away, and export resumes by
 * itself when it returns. Mapping once on arrival, not per attempt, keeps the cumulative state of
 * exponential histograms exact: a retried snapshot is not added twice, and a dropped one is still
 * part of later cumulative points. Thread-safe.
 *
 * <p>Nothing of the SDK is loaded when the agent starts: the resource and the mapper are built with
 * the first snapshot (on the interval clock's thread), the SDK exporter and its HTTP stack with the
 * first export (on the exporter thread). The application's threads never build either.
 */
public final class OtlpSnapshotExporter implements SnapshotConsumer {
  private static final long MIN_BACKOFF_MILLIS = 1000;
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final OtlpOptions options;
  private final Supplier<Resource> resource;
  private final String version;
  private final ExportStats stats;
  private final Supplier<MetricExporter> sdkExporter;
  private final ArrayDeque<MappedSnapshot> queue = new ArrayDeque<>();
  private final Object lock = new Object();
  private final Object mapperLock = new Object(); // the mapper keeps cumulative state
  private MetricDataMapper mapper; // guarded by mapperLock; built with the first snapshot
  private final Thread thread;
  private MetricExporter exporter; // exporter thread only
  private boolean draining; // guarded by lock
  private boolean stopped; // guarded by lock

  /** {@code resource} is called once, with the first snapshot. */
  public OtlpSnapshotExporter(
      OtlpOptions options, Supplier<Resource> resource, String version, ExportStats stats) {
    this(options, resource, version, stats, () -> create(options));
  }

  /** With the SDK exporter from {@code sdkExporter}, made at the first export. */
  OtlpSnapshotExporter(
      OtlpOptions options,
      Supplier<Resource> resource,
      String version,
      ExportStats stats,
      Supplier<MetricExporter> sdkExporter) {
    this.options = options;
    this.resource = resource;
    this.version = version;
    this.stats = stats;
    this.sdkExporter = sdkExporter;
    this.thread = new Thread(this::run, "hourglass-otlp");
    thread.setDaemon(true);
    thread.start();
  }

  /** A snapshot as it goes on the wire, with the number of snapshot points it carries. */
  private record MappedSnapshot(Collection<MetricData> data, long points) {}

  @Override
  public void accept(IntervalSnapshot snapshot) {
    MappedSnapshot mapped = map(snapshot);
    if (mapped == null) {
      return;
    }
    synchronized (lock) {
      if (stopped) {
        return;
      }
      if (queue.size() >= options.queueCapacity()) {
        MappedSnapshot oldest = queue.pollFirst();
        stats.dropped(oldest.points());
        AgentLog.warnOnce(
            "otlp-queue-full",
            "the OTLP collector is not keeping up; dropping the oldest snapshots (counted in"
                + " hourglass.agent.export.dropped)");
      }
      queue.addLast(mapped);
      stats.queued(queue.size());
      lock.notifyAll();
    }
  }

  private MappedSnapshot map(IntervalSnapshot snapshot) {
    try {
      synchronized (mapperLock) {
        return new MappedSnapshot(mapper().map(snapshot), pointCount(snapshot));
      }
    } catch (RuntimeException | LinkageError e) {
      stats.dropped(pointCount(snapshot));
      AgentLog.warnOnce("otlp-map", "cannot map a snapshot for OTLP: " + AgentLog.describe(e));
      return null;
    }
  }

  private MetricDataMapper mapper() {
    if (mapper == null) {
      mapper =
          new MetricDataMapper(
              resource.get(),
              InstrumentationScopeInfo.builder("dev.hourglass").setVersion(version).build(),
              options.delta(),
              options.exponentialHistograms());
    }
    return mapper;
  }

  private void run() {
    long backoff = MIN_BACKOFF_MILLIS;
    while (true) {
      MappedSnapshot next;
      synchronized (lock) {
        while (queue.isEmpty() && !draining) {
          waitQuietly(0);
        }
        if (queue.isEmpty()) {
          return; // drained
        }
        next = queue.peekFirst();
      }
      boolean ok = export(next);
      synchronized (lock) {
        if (ok || draining) {
          if (!ok) {
            stats.dropped(next.points());
          }
          if (queue.peekFirst() == next) {
            queue.pollFirst();
          }
          stats.queued(queue.size());
          backoff = MIN_BACKOFF_MILLIS;
        } else {
          long retryAt = System.currentTimeMillis() + backoff;
          // New snapshots do not cut the backoff short; draining at shutdown does.
          for (long left = backoff; left > 0 && !draining; left = retryAt - System.currentTimeMillis()) {
            waitQuietly(left);
          }
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
      }
    }
  }

  private boolean export(MappedSnapshot snapshot) {
    long start = System.nanoTime();
    try {
      if (snapshot.data().isEmpty()) {
        return true;
      }
      CompletableResultCode result = exporter().export(snapshot.data());
      result.join(options.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      long took = System.nanoTime() - start;
      if (result.isSuccess()) {
        stats.succeeded(snapshot.points(), took);
        return true;
      }
      Throwable failure = result.getFailureThrowable();
      String reason = failure != null ? AgentLog.describe(failure) : "export failed or timed out";
      stats.failed(reason, took);
      AgentLog.warnOnce(
          "otlp-failed",
          "OTLP export to " + options.endpointForLog() + " failed (" + reason + "); retrying with backoff");
      return false;
    } catch (RuntimeException | LinkageError e) {
      stats.failed(AgentLog.describe(e), System.nanoTime() - start);
      AgentLog.warnOnce("otlp-error", "OTLP export error: " + AgentLog.describe(e));
      return false;
    }
  }

  private MetricExporter exporter() {
    if (exporter == null) {
      SdkLogging.divertToAgentLog();
      exporter = sdkExporter.get();
    }
    return exporter;
  }

  /** Made on the exporter thread at the first export: the SDK's HTTP stack stays off start-up. */
  static MetricExporter create(OtlpOptions options) {
    AggregationTemporalitySelector temporality =
        options.delta()
            ? AggregationTemporalitySelector.deltaPreferred()
            : AggregationTemporalitySelector.alwaysCumulative();
    ClassLoader agentLoader = OtlpSnapshotExporter.class.getClassLoader();
    if (OtlpOptions.GRPC.equals(options.protocol())) {
      return OtlpGrpcMetricExporter.builder()
          .setEndpoint(options.endpoint())
          .setHeaders(options::headers)
          .setTimeout(options.timeout())
          .setCompression(options.compression())
          .setAggregationTemporalitySelector(temporality)
          .setRetryPolicy(null)
          .setServiceClassLoader(agentLoader)
          .setExecutorService(SenderThreads.create())
          .build();
    }
    return OtlpHttpMetricExporter.builder()
        .setEndpoint(options.endpoint())
        .setHeaders(options::headers)
        .setTimeout(options.timeout())
        .setCompression(options.compression())
        .setAggregationTemporalitySelector(temporality)
        .setRetryPolicy(null)
        .setServiceClassLoader(agentLoader)
        .setExecutorService(SenderThreads.create())
        .build();
  }

  @Override
  public void shutdown(long timeoutMillis) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      draining = true;
      lock.notifyAll();
    }
    try {
      thread.join(Math.max(1, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      long left = 0;
      for (MappedSnapshot snapshot : queue) {
        left += snapshot.points();
      }
      if (left > 0) {
        stats.dropped(left);
        AgentLog.warn("shutdown: " + left + " points were not exported in time");
      }
      queue.clear();
      stats.queued(0);
    }
  }

  private void waitQuietly(long millis) {
    try {
      lock.wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static long pointCount(IntervalSnapshot snapshot) {
    return (long) snapshot.latencies().size() + snapshot.counters().size() + snapshot.gauges().size();
  }
}
