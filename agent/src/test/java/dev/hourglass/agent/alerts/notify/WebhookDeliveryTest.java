package dev.hourglass.agent.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.alerts.AlertEngine;
import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.AlertState;
import dev.hourglass.agent.alerts.RuleParser;
import dev.hourglass.agent.alerts.RuleSet;
import dev.hourglass.agent.alerts.notify.LoopbackReceiver.Behaviour;
import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.CounterPoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operator's view: requests recorded into the agent's real registry, intervals collected with a
 * controlled clock, the default rules evaluated, and notifications POSTed to a loopback receiver.
 */
class WebhookDeliveryTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long INTERVAL = 10_000_000_000L;

  private final MetricRegistry registry = new MetricRegistry(100, 30);
  private final LatencyInstrument http =
      registry.latency(
          "http.server.request.duration",
          "",
          AttributeKeys.HTTP_REQUEST_METHOD,
          AttributeKeys.HTTP_ROUTE,
          AttributeKeys.HTTP_RESPONSE_STATUS_CODE,
          AttributeKeys.ERROR_TYPE);

  private static PayloadFormat format(String name) {
    switch (name) {
      case "slack":
        return new SlackPayload();
      case "discord":
        return new DiscordPayload();
      default:
        return new GenericPayload();
    }
  }

  private AlertEngine engine(NotificationDispatcher dispatcher) {
    RuleSet defaults =
        RuleSet.load(
            Config.from(Map.of(), Map.of(), Map.of()),
            new RuleParser(Duration.ofSeconds(10), Duration.ofHours(1)));
    return new AlertEngine(defaults, dispatcher, dispatcher::stats, registry, "shop");
  }

  /** One interval of 20 requests to /checkout taking {@code millis} each, then its evaluation. */
  private void interval(AlertEngine engine, int sequence, long millis) {
    for (int i = 0; i < 20; i++) {
      http.series("POST", "/checkout", "200", "").recordNanos(millis * 1_000_000);
    }
    engine.accept(
        registry.collect(sequence, T0 + (sequence - 1) * INTERVAL, T0 + sequence * INTERVAL));
  }

  @ParameterizedTest
  @ValueSource(strings = {"webhook", "slack", "discord"})
  void breachOfFourIntervals_sendsExactlyOneFiringAndOneResolved(String notifier) throws Exception {
    try (LoopbackReceiver receiver = new LoopbackReceiver(Behaviour.ACCEPT)) {
      NotificationDispatcher dispatcher =
          new NotificationDispatcher(
              List.of(new HttpNotifier(notifier, receiver.url(), format(notifier), Duration.ofSeconds(5))),
              100,
              3,
              Duration.ofMillis(50),
              registry);
      java.util.List<AlertEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      AlertEngine engine =
          new AlertEngine(
              RuleSet.load(
                  Config.from(Map.of(), Map.of(), Map.of()),
                  new RuleParser(Duration.ofSeconds(10), Duration.ofHours(1))),
              event -> {
                seen.add(event);
                dispatcher.accept(event);
              },
              dispatcher::stats,
              registry,
              "shop");

      interval(engine, 1, 50);
      interval(engine, 2, 50);
      for (int sequence = 3; sequence <= 6; sequence++) { // the breach: intervals 3 to 6
        interval(engine, sequence, 450);
      }
      for (int sequence = 7; sequence <= 10; sequence++) {
        interval(engine, sequence, 50);
      }
      await(() -> receiver.bodies().size() >= 2);
      dispatcher.shutdown(5000);

      assertThat(seen).extracting(AlertEvent::status).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
      // Detected at the end of interval 4: within two intervals of the breach's start.
      assertThat(seen.get(0).atEpochMillis()).isEqualTo((T0 + 4 * INTERVAL) / 1_000_000);
      assertThat(seen.get(1).atEpochMillis()).isEqualTo((T0 + 8 * INTERVAL) / 1_000_000);
      assertThat(receiver.bodies()).hasSize(2);
      assertThat(receiver.bodies().get(0)).isEqualTo(format(notifier).render(seen.get(0)));
      assertThat(receiver.bodies().get(1)).isEqualTo(format(notifier).render(seen.get(1)));
      assertThat(receiver.bodies().get(0)).contains("FIRING").contains("http.p95.warning");
      assertThat(receiver.bodies().get(1)).contains("RESOLVED").contains("http.p95.warning");
      assertThat(dispatcher.stats().sent()).isEqualTo(2);
    }
  }

  @Test
  void hangingReceiver_neitherBlocksEvaluationNorGrowsTheQueue() throws Exception {
    try (LoopbackReceiver receiver = new LoopbackReceiver(Behaviour.HANG)) {
      NotificationDispatcher dispatcher =
          new NotificationDispatcher(
              List.of(new HttpNotifier("webhook", receiver.url(), new GenericPayload(), Duration.ofSeconds(30))),
              5,
              3,
              Duration.ofMillis(50),
              registry);
      AlertEvent event =
          PayloadFormatTest.event("warning", AlertState.FIRING, 0.452);

      long start = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        dispatcher.accept(event);
      }
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

      // A blocking hand-off would wait at least one 30 s timeout; the margin absorbs a loaded CI box.
      assertThat(elapsedMillis).isLessThan(5000);
      assertThat(dispatcher.waiting()).isEqualTo(5);
      assertThat(dispatcher.stats().dropped()).isEqualTo(995);
      assertThat(dispatcher.stats().sent()).isZero();

      AlertEngine engine = engine(dispatcher);
      long evaluation = System.nanoTime();
      for (int sequence = 1; sequence <= 12; sequence++) {
        interval(engine, sequence, sequence % 4 < 2 ? 1500 : 5); // fires and resolves p95 alerts
      }
      assertThat((System.nanoTime() - evaluation) / 1_000_000).isLessThan(5000);
      assertThat(dispatcher.stats().dropped()).isGreaterThan(995); // the engine's events, dropped
      assertThat(dispatcher.waiting()).isEqualTo(5);
      dispatcher.shutdown(0);
    }
  }

  @Test
  void failingReceiver_isRetriedWithBackoff_andEachFailureCounted() throws Exception {
    try (LoopbackReceiver receiver = new LoopbackReceiver(Behaviour.FAIL)) {
      NotificationDispatcher dispatcher =
          new NotificationDispatcher(
              List.of(new HttpNotifier("webhook", receiver.url(), new GenericPayload(), Duration.ofSeconds(5))),
              100,
              2,
              Duration.ofMillis(20),
              registry);
      AlertEvent event = PayloadFormatTest.event("critical", AlertState.FIRING, 1.5);

      for (int i = 0; i < 3; i++) {
        dispatcher.accept(event);
      }
      await(() -> dispatcher.stats().failed() == 3);

      assertThat(dispatcher.stats())
          .isEqualTo(
              new dev.hourglass.agent.alerts.NotificationStats(
                  0, 3, 6, 0, Map.of("webhook", "java.io.IOException: webhook answered HTTP 500")));
      assertThat(receiver.bodies()).hasSize(9);
      assertThat(dispatcher.waiting()).isZero();
      Map<List<String>, Long> outcomes =
          registry.collect(1, T0, T0 + INTERVAL).counters().stream()
              .filter(point -> point.instrument().name().equals("hourglass.alerts.notifications"))
              .collect(java.util.stream.Collectors.toMap(CounterPoint::attributeValues, CounterPoint::total));
      assertThat(outcomes)
          .isEqualTo(Map.of(List.of("webhook", "failed"), 3L, List.of("webhook", "retried"), 6L));
      dispatcher.shutdown(1000);
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).as("condition met within 10 s").isTrue();
  }
}
