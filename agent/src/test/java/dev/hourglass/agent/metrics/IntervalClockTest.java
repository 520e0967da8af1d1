package dev.hourglass.agent.metrics;

import static dev.hourglass.snapshot.AttributeKey.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.IntervalSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The clock outlives whatever its consumers and gauge sources throw: exports never stop. */
class IntervalClockTest {

  @Test
  void aConsumerThrowingAnError_neitherStopsTheScheduleNorStarvesTheOtherConsumers()
      throws Exception {
    IntervalClock clock = new IntervalClock(new MetricRegistry(10, 30), Duration.ofMillis(10));
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch laterTicks = new CountDownLatch(3);
    clock.addConsumer(
        snapshot -> {
          if (calls.getAndIncrement() % 2 == 0) {
            throw new StackOverflowError("a consumer's own bug");
          }
          throw new NoClassDefFoundError("a class missing in this runtime");
        });
    clock.addConsumer(snapshot -> laterTicks.countDown());

    clock.start();
    boolean ticked = laterTicks.await(30, TimeUnit.SECONDS);
    clock.shutdown(Duration.ZERO);

    assertThat(ticked).as("three ticks reached the second consumer").isTrue();
    assertThat(calls.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aGaugeSourceThrowingALinkageError_readsAsNoValue_andTheIntervalIsStillCollected() {
    MetricRegistry registry = new MetricRegistry(10, 30);
    GaugeInstrument gauges = registry.gauge("pool.size", "test", "{connection}", string("pool"));
    gauges
        .series("missing")
        .track(
            () -> {
              throw new NoClassDefFoundError("com/zaxxer/hikari/HikariPoolMXBean");
            });
    gauges.series("healthy").track(() -> 4);

    IntervalSnapshot snapshot = registry.collect(1, 0, 1);

    List<GaugePoint> points =
        snapshot.gauges().stream()
            .filter(point -> point.instrument().name().equals("pool.size"))
            .toList();
    assertThat(points)
        .extracting(point -> point.attributeValues().get(0), GaugePoint::value)
        .containsExactly(tuple("healthy", 4.0));
  }
}
