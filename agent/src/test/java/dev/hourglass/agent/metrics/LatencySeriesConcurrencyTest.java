package dev.hourglass.agent.metrics;

import static dev.hourglass.snapshot.AttributeKey.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.snapshot.IntervalSnapshot;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Many threads recording at once into fresh series, so their histograms resize while contended:
 * every record arrives, none throws, and no thread is left stuck. HdrHistogram's multi-writer packed
 * {@code Recorder} livelocks here within seconds; {@link StripedRecorder} gives each concurrent
 * writer its own single-writer stripe.
 */
class LatencySeriesConcurrencyTest {
  private static final int THREADS = 8;
  private static final int SERIES = 500;
  private static final int RECORDS_PER_SERIES_PER_THREAD = 20;

  @Test
  void concurrentRecordsIntoResizingHistogramsNeitherHangNorFailNorGetLost() throws Exception {
    MetricRegistry registry = new MetricRegistry(SERIES, 30);
    LatencyInstrument latency = registry.latency("op.duration", "test", string("route"));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    for (int t = 0; t < THREADS; t++) {
      threads.submit(
          () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int s = 0; s < SERIES; s++) {
              LatencySeries series = latency.series("/r" + s);
              for (int i = 0; i < RECORDS_PER_SERIES_PER_THREAD; i++) {
                try {
                  series.recordNanos(random.nextLong(1_000, 10_000_000_000L));
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              }
            }
          });
    }
    threads.shutdown();
    boolean finished = threads.awaitTermination(60, TimeUnit.SECONDS);
    threads.shutdownNow();

    assertThat(finished).as("every recording thread finished (none deadlocked)").isTrue();
    assertThat(failure.get()).isNull();
    IntervalSnapshot snapshot = registry.collect(1, 0, 1);
    long recorded =
        snapshot.latencies().stream().mapToLong(point -> point.interval().getTotalCount()).sum();
    assertThat(recorded).isEqualTo((long) THREADS * SERIES * RECORDS_PER_SERIES_PER_THREAD);
  }
}
