package dev.hourglass.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.exporter.ExportStats;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter thread against a collector that fails, with cumulative base-2 exponential
 * histograms, whose running state lives in the mapper: what the collector finally receives must
 * count every request once, however many attempts failed and whichever snapshots were dropped.
 */
class OtlpSnapshotExporterTest {
  private static final String METRIC = "http.server.request.duration";
  private static final InstrumentDescriptor HTTP =
      new InstrumentDescriptor(METRIC, "d", "s", InstrumentDescriptor.Kind.LATENCY, List.of(AttributeKeys.HTTP_ROUTE));

  private final ExportStats stats = new ExportStats("otlp");
  private final FlakyCollector collector = new FlakyCollector();
  private OtlpSnapshotExporter exporter;

  @AfterEach
  void shutdown() {
    if (exporter != null) {
      exporter.shutdown(5_000);
    }
  }

  @Test
  void retriedSnapshot_isCountedOnceInTheCumulativeHistogram() throws Exception {
    start(2, 1);

    exporter.accept(snapshot(1, 10));
    awaitDelivered(1);

    assertThat(collector.attempts()).isEqualTo(2);
    assertThat(collector.cumulativeCounts()).containsExactly(10L);
    assertThat(stats.failedAttempts()).isEqualTo(1);
    assertThat(stats.droppedPoints()).isZero();
  }

  @Test
  void droppedSnapshots_areCounted_andStillPartOfLaterCumulativePoints() throws Exception {
    start(2, 1);

    exporter.accept(snapshot(1, 10));
    awaitAttempts(1); // failed; the retry is a second away
    exporter.accept(snapshot(2, 20));
    exporter.accept(snapshot(3, 30)); // the queue is full: snapshot 1 goes
    exporter.accept(snapshot(4, 5)); // and snapshot 2, never attempted
    awaitDelivered(2);

    assertThat(collector.cumulativeCounts()).containsExactly(60L, 65L);
    assertThat(stats.droppedPoints()).as("one latency point in each dropped snapshot").isEqualTo(2);
    assertThat(stats.failedAttempts()).isEqualTo(1);
    assertThat(stats.queuedSnapshots()).isZero();
  }

  @Test
  void resourceAndSdkExporter_areMadeWithTheFirstSnapshot_notAtStart() throws Exception {
    AtomicInteger resources = new AtomicInteger();
    List<String> exporterThreads = new CopyOnWriteArrayList<>();
    exporter =
        new OtlpSnapshotExporter(
            options(2),
            () -> {
              resources.incrementAndGet();
              return Resource.empty();
            },
            "test",
            stats,
            () -> {
              exporterThreads.add(Thread.currentThread().getName());
              return collector;
            });
    Thread.sleep(200); // the exporter thread is up; before, it made the SDK exporter at once

    assertThat(resources).as("resources made before any snapshot").hasValue(0);
    assertThat(exporterThreads).as("SDK exporters made before any snapshot").isEmpty();

    exporter.accept(snapshot(1, 10));
    exporter.accept(snapshot(2, 10));
    awaitDelivered(2);

    assertThat(resources).as("one resource for every snapshot").hasValue(1);
    assertThat(exporterThreads).as("one SDK exporter, made on the exporter thread").containsExactly("hourglass-otlp");
  }

  private void start(int queueCapacity, int failuresFirst) {
    collector.failFirst(failuresFirst);
    exporter = new OtlpSnapshotExporter(options(queueCapacity), Resource::empty, "test", stats, () -> collector);
  }

  private static OtlpOptions options(int queueCapacity) {
    return new OtlpOptions(
        OtlpOptions.HTTP_PROTOBUF,
        "http://127.0.0.1:1/v1/metrics",
        Map.of(),
        Duration.ofSeconds(1),
        "none",
        false,
        true,
        queueCapacity);
  }

  /** One series that saw {@code requests} requests of 5 ms in interval {@code sequence}. */
  private static IntervalSnapshot snapshot(long sequence, int requests) {
    Histogram interval = new Histogram(3);
    interval.recordValueWithCount(5_000, requests);
    LatencyPoint point = new LatencyPoint(HTTP, List.of("/fast"), interval, 0, 0, new long[15], 1L);
    return new IntervalSnapshot(sequence, sequence * 1000, (sequence + 1) * 1000, List.of(point), List.of(), List.of());
  }

  private void awaitAttempts(int attempts) throws InterruptedException {
    await(() -> collector.attempts() >= attempts);
  }

  private void awaitDelivered(int exports) throws InterruptedException {
    await(() -> collector.cumulativeCounts().size() >= exports);
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** An SDK exporter that fails its first attempts, then keeps the histogram count of each export. */
  private static final class FlakyCollector implements MetricExporter {
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Long> cumulativeCounts = new ArrayList<>();
    private volatile int failuresLeft;

    void failFirst(int failures) {
      failuresLeft = failures;
    }

    int attempts() {
      return attempts.get();
    }

    synchronized List<Long> cumulativeCounts() {
      return List.copyOf(cumulativeCounts);
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      attempts.incrementAndGet();
      if (failuresLeft > 0) {
        failuresLeft--;
        return CompletableResultCode.ofFailure();
      }
      synchronized (this) {
        for (MetricData metric : metrics) {
          if (metric.getName().equals(METRIC)) {
            metric.getExponentialHistogramData().getPoints().forEach(point -> cumulativeCounts.add(point.getCount()));
          }
        }
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
