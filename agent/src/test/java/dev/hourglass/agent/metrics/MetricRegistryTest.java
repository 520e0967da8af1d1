package dev.hourglass.agent.metrics;

import static dev.hourglass.snapshot.AttributeKey.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {
  private static final long MS = 1_000_000;

  @Test
  void eachIntervalHoldsExactlyWhatWasRecordedInIt() {
    MetricRegistry registry = new MetricRegistry(100, 10);
    LatencyInstrument latency = registry.latency("op.duration", "test", string("route"));
    for (int i = 1; i <= 100; i++) {
      latency.series("/a").recordNanos(i * MS);
    }
    IntervalSnapshot first = registry.collect(1, 0, 10);
    latency.series("/a").recordNanos(500 * MS);
    IntervalSnapshot second = registry.collect(2, 10, 20);

    LatencyPoint a1 = only(first, "/a");
    assertThat(a1.interval().getTotalCount()).isEqualTo(100);
    assertThat(Quantiles.seconds(a1.interval(), 0.5)).isCloseTo(0.050, within(0.001));
    assertThat(Quantiles.seconds(a1.interval(), 0.99)).isCloseTo(0.099, within(0.001));
    assertThat(Quantiles.seconds(a1.interval(), 1.0)).isCloseTo(0.100, within(0.001));

    LatencyPoint a2 = only(second, "/a");
    assertThat(a2.interval().getTotalCount()).isEqualTo(1);
    assertThat(a2.cumulativeCount()).isEqualTo(101);
    assertThat(a2.cumulativeSumSeconds()).isCloseTo(5.050 + 0.5, within(0.01));
  }

  @Test
  void seriesBeyondTheCapGoToOneOverflowSeriesAndAreCounted() {
    MetricRegistry registry = new MetricRegistry(3, 10);
    LatencyInstrument latency = registry.latency("op.duration", "test", string("route"));
    for (int i = 0; i < 10; i++) {
      latency.series("/r" + i).recordNanos(MS);
    }
    IntervalSnapshot snapshot = registry.collect(1, 0, 10);

    assertThat(snapshot.latencies()).hasSize(4);
    assertThat(only(snapshot, "_other").interval().getTotalCount()).isEqualTo(7);
    CounterPoint overflow =
        snapshot.counters().stream()
            .filter(c -> c.instrument().name().equals("hourglass.agent.series.overflow"))
            .findFirst()
            .orElseThrow();
    assertThat(overflow.attributeValues()).containsExactly("op.duration");
    assertThat(overflow.total()).isEqualTo(7);
  }

  @Test
  void concurrentFirstLookupsNeverCreateMoreSeriesThanTheCap() throws Exception {
    int cap = 4;
    int threads = 8;
    int keysPerThread = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // Many short races: the window between "is there room?" and "add" is a few instructions.
      for (int round = 0; round < 300; round++) {
        MetricRegistry registry = new MetricRegistry(cap, 10);
        LatencyInstrument latency = registry.latency("op.duration", "test", string("route"));
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> lookups = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          lookups.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < keysPerThread; i++) {
                      latency.series("/t" + thread + "/" + i).recordNanos(MS);
                    }
                    return null;
                  }));
        }
        for (Future<?> lookup : lookups) {
          lookup.get(10, TimeUnit.SECONDS);
        }
        IntervalSnapshot snapshot = registry.collect(1, 0, 10);

        assertThat(latency.seriesCount()).as("round %d", round).isEqualTo(cap);
        assertThat(only(snapshot, "_other").interval().getTotalCount())
            .isEqualTo(threads * keysPerThread - cap);
        assertThat(overflowTotal(snapshot)).isEqualTo(threads * keysPerThread - cap);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void idleSeriesAreEvictedAndAStaleHandleStillRecordsIntoALiveSeries() {
    MetricRegistry registry = new MetricRegistry(100, 2);
    LatencyInstrument latency = registry.latency("op.duration", "test", string("route"));
    LatencySeries handle = latency.series("/idle");
    handle.recordNanos(MS);
    registry.collect(1, 0, 1);
    registry.collect(2, 1, 2);
    registry.collect(3, 2, 3); // idle for 2 intervals: evicted here
    assertThat(latency.seriesCount()).isZero();

    handle.recordNanos(2 * MS);
    IntervalSnapshot snapshot = registry.collect(4, 3, 4);

    assertThat(latency.seriesCount()).isEqualTo(1);
    assertThat(only(snapshot, "/idle").interval().getTotalCount()).isEqualTo(1);
  }

  @Test
  void concurrentRecordingAcrossManySwapsLosesAndDoublesNothing() throws Exception {
    MetricRegistry registry = new MetricRegistry(100, 1000);
    LatencyInstrument latency = registry.latency("op.duration", "test", string("route"));
    int threads = 8;
    int perThread = 50_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      String route = "/t" + (t % 2);
      pool.execute(
          () -> {
            for (int i = 0; i < perThread; i++) {
              latency.series(route).recordNanos(1000L * (i % 5000));
            }
            done.countDown();
          });
    }
    long total = 0;
    AtomicBoolean finished = new AtomicBoolean();
    int sequence = 0;
    while (!finished.get()) {
      finished.set(done.await(1, TimeUnit.MILLISECONDS));
      for (LatencyPoint point : registry.collect(++sequence, 0, 1).latencies()) {
        total += point.interval().getTotalCount();
      }
    }
    for (LatencyPoint point : registry.collect(++sequence, 0, 1).latencies()) {
      total += point.interval().getTotalCount();
    }
    pool.shutdown();

    assertThat(total).isEqualTo((long) threads * perThread);
    assertThat(sequence).isGreaterThan(2);
  }

  @Test
  void countersReportDeltaAndTotal() {
    MetricRegistry registry = new MetricRegistry(100, 10);
    CounterInstrument counter = registry.counter("things", "test", "{thing}", string("kind"));
    counter.series("a").add(5);
    registry.collect(1, 0, 1);
    counter.series("a").add(2);
    CounterPoint point =
        registry.collect(2, 1, 2).counters().stream()
            .filter(c -> c.instrument().name().equals("things"))
            .findFirst()
            .orElseThrow();

    assertThat(point.delta()).isEqualTo(2);
    assertThat(point.total()).isEqualTo(7);
  }

  private static long overflowTotal(IntervalSnapshot snapshot) {
    return snapshot.counters().stream()
        .filter(c -> c.instrument().name().equals("hourglass.agent.series.overflow"))
        .mapToLong(CounterPoint::total)
        .sum();
  }

  private static LatencyPoint only(IntervalSnapshot snapshot, String route) {
    List<LatencyPoint> matching =
        snapshot.latencies().stream().filter(p -> p.attributeValues().get(0).equals(route)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  @Test
  void trackedTotalsSurviveIdleIntervalsAndReportLaterCounts() {
    MetricRegistry registry = new MetricRegistry(100, 2);
    java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
    registry.counter("agent.dropped", "test", "{point}", AttributeKeys.EXPORTER).series("otlp").trackTotal(dropped::get);
    for (int interval = 1; interval <= 5; interval++) {
      registry.collect(interval, interval - 1, interval); // idle far beyond the eviction threshold
    }
    dropped.set(17);

    IntervalSnapshot later = registry.collect(6, 5, 6);

    assertThat(later.counters())
        .filteredOn(counter -> counter.instrument().name().equals("agent.dropped"))
        .singleElement()
        .satisfies(counter -> assertThat(counter.total()).isEqualTo(17));
  }
}
