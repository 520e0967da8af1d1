package dev.hourglass.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class AlertEngineTest {
  private final List<AlertEvent> events = new ArrayList<>();
  private final MetricRegistry registry = new MetricRegistry(100, 30);

  /** The default HTTP p95 warning rule (> 300 ms by route, for 2, recover 2, 10 samples). */
  private static final Map<String, String> P95 = DefaultRules.all().get("http.p95.warning");

  private AlertEngine engine(String name, Map<String, String> fields, String... overrides) {
    Map<String, String> merged = new LinkedHashMap<>(fields);
    for (int i = 0; i < overrides.length; i += 2) {
      merged.put(overrides[i], overrides[i + 1]);
    }
    RuleSet rules =
        RuleSet.build(
            Map.of(name, merged),
            new RuleParser(Duration.ofSeconds(10), Duration.ZERO),
            new ArrayList<>());
    assertThat(rules.problems()).isEmpty();
    return new AlertEngine(
        rules, events::add, () -> new NotificationStats(0, 0, 0, 0), registry, "shop");
  }

  /** What HdrHistogram reports as the p95 of identical {@code millis} measurements, in seconds. */
  private static double reported(long millis) {
    return new Histogram(3).highestEquivalentValue(millis * 1000) / 1e6;
  }

  private static IntervalSnapshot slow(long sequence, long millis) {
    return SnapshotBuilder.interval(sequence).requests("/slow", 200, 20, millis).build();
  }

  @Test
  void breach_firesOnItsSecondInterval_andResolvesOnItsSecondClearOne() {
    AlertEngine engine = engine("http.p95.warning", P95);

    engine.accept(slow(1, 100));
    engine.accept(slow(2, 450));
    assertThat(engine.active()).extracting(ActiveAlert::state).containsExactly(AlertState.PENDING);
    assertThat(events).isEmpty();
    engine.accept(slow(3, 450));
    engine.accept(slow(4, 450));
    engine.accept(slow(5, 100));
    assertThat(engine.active()).extracting(ActiveAlert::state).containsExactly(AlertState.FIRING);
    engine.accept(slow(6, 100));

    assertThat(events).hasSize(2);
    AlertEvent firing = events.get(0);
    assertThat(firing.status()).isEqualTo(AlertState.FIRING);
    assertThat(firing.reminder()).isFalse();
    assertThat(firing.labels()).isEqualTo(Map.of("http.route", "/slow"));
    assertThat(firing.value()).isEqualTo(reported(450));
    assertThat(firing.startsAtEpochMillis()).isEqualTo(SnapshotBuilder.endMillis(3));
    assertThat(firing.atEpochMillis()).isEqualTo(SnapshotBuilder.endMillis(3));
    AlertEvent resolved = events.get(1);
    assertThat(resolved.status()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.id()).isEqualTo(firing.id());
    assertThat(resolved.value()).isEqualTo(reported(100));
    assertThat(resolved.startsAtEpochMillis()).isEqualTo(SnapshotBuilder.endMillis(3));
    assertThat(resolved.atEpochMillis()).isEqualTo(SnapshotBuilder.endMillis(6));
    assertThat(engine.active()).isEmpty();
    assertThat(engine.recentTransitions())
        .extracting(AlertTransition::to)
        .containsExactly(AlertState.RESOLVED, AlertState.FIRING, AlertState.PENDING);
    assertThat(engine.lastEvaluationEpochMillis()).isEqualTo(SnapshotBuilder.endMillis(6));
  }

  @Test
  void signalFlappingInsideTheHysteresisBand_sendsNoMoreNotifications() {
    AlertEngine engine = engine("http.p95.warning", P95);
    engine.accept(slow(1, 450));
    engine.accept(slow(2, 450));

    // Threshold 300 ms, clear at 270 ms: 280 ms is inside the band, 350 ms above it.
    for (int i = 3; i < 23; i++) {
      engine.accept(slow(i, i % 2 == 0 ? 280 : 350));
    }

    assertThat(events).extracting(AlertEvent::status).containsExactly(AlertState.FIRING);
    assertThat(engine.active()).extracting(ActiveAlert::state).containsExactly(AlertState.FIRING);
  }

  @Test
  void signalFlappingAcrossTheWholeBand_neverHoldsLongEnoughToFire() {
    AlertEngine engine = engine("http.p95.warning", P95);

    for (int i = 1; i < 21; i++) {
      engine.accept(slow(i, i % 2 == 0 ? 100 : 450));
    }

    assertThat(events).isEmpty();
    assertThat(engine.recentTransitions()).hasSize(20); // pending and back, never notified
  }

  @Test
  void firingAlert_isRepeatedEveryRenotifyPeriod() {
    AlertEngine engine = engine("http.p95.warning", P95, "renotify", "30s");

    for (int i = 1; i <= 9; i++) {
      engine.accept(slow(i, 450));
    }

    assertThat(events).extracting(AlertEvent::reminder).containsExactly(false, true, true);
    assertThat(events)
        .extracting(AlertEvent::atEpochMillis)
        .containsExactly(SnapshotBuilder.endMillis(2), SnapshotBuilder.endMillis(5), SnapshotBuilder.endMillis(8));
    assertThat(events)
        .extracting(AlertEvent::startsAtEpochMillis)
        .containsOnly(SnapshotBuilder.endMillis(2));
  }

  @Test
  void minimumSampleGuard_ignoresIntervalsWithTooFewRequests() {
    AlertEngine engine = engine("http.p95.warning", P95);

    for (int i = 1; i <= 5; i++) {
      engine.accept(SnapshotBuilder.interval(i).requests("/slow", 200, 9, 5000).build());
    }
    assertThat(engine.recentTransitions()).isEmpty();

    engine.accept(SnapshotBuilder.interval(6).requests("/slow", 200, 10, 5000).build());
    assertThat(engine.active()).extracting(ActiveAlert::state).containsExactly(AlertState.PENDING);
  }

  @Test
  void firingAlert_withoutDataForRecoverIntervals_resolves() {
    AlertEngine engine = engine("http.p95.warning", P95);
    engine.accept(slow(1, 450));
    engine.accept(slow(2, 450));

    engine.accept(SnapshotBuilder.interval(3).build());
    engine.accept(SnapshotBuilder.interval(4).build());

    assertThat(events)
        .extracting(AlertEvent::status)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertThat(events.get(1).value()).isEqualTo(reported(450)); // the last value seen
  }

  @Test
  void eachRoute_isItsOwnAlert_withAnIdThatSurvivesARestart() {
    AlertEngine engine = engine("http.p95.warning", P95);
    for (int i = 1; i <= 2; i++) {
      engine.accept(
          SnapshotBuilder.interval(i)
              .requests("/a", 200, 20, 450)
              .requests("/b", 200, 20, 450)
              .requests("/fast", 200, 20, 5)
              .build());
    }
    AlertEngine restarted = engine("http.p95.warning", P95);
    restarted.accept(slow(1, 450));
    restarted.accept(slow(2, 450));

    assertThat(engine.active())
        .extracting(alert -> alert.labels().get("http.route"))
        .containsExactly("/a", "/b");
    assertThat(events).hasSize(3);
    assertThat(events.get(0).id()).isNotEqualTo(events.get(1).id());
    assertThat(events.get(0).id()).hasSize(16);
    engine.accept(slow(3, 450)); // /slow begins breaching in the first engine too
    engine.accept(slow(4, 450));
    List<AlertEvent> slowFirings =
        events.stream()
            .filter(event -> event.labels().get("http.route").equals("/slow"))
            .filter(AlertEvent::firing)
            .toList();
    assertThat(slowFirings).hasSize(2);
    assertThat(slowFirings.get(0).id()).isEqualTo(slowFirings.get(1).id());
  }

  @Test
  void overallErrorRatio_firesTheWarningOnly() {
    AlertEngine warning = engine("http.errors.warning", DefaultRules.all().get("http.errors.warning"));
    AlertEngine critical =
        engine("http.errors.critical", DefaultRules.all().get("http.errors.critical"));

    for (int i = 1; i <= 2; i++) {
      IntervalSnapshot snapshot =
          SnapshotBuilder.interval(i)
              .requests("/a", 200, 60, 10)
              .requests("/b", 200, 37, 10)
              .requests("/b", 500, 3, 10)
              .build();
      warning.accept(snapshot);
      critical.accept(snapshot);
    }

    assertThat(events).hasSize(1);
    assertThat(events.get(0).rule().name()).isEqualTo("http.errors.warning");
    assertThat(events.get(0).value()).isEqualTo(0.03);
    assertThat(events.get(0).labels()).isEmpty();
  }

  @Test
  void criticalAlert_degradesTheApplication_andIsCountedInTheFiringMetric() {
    AlertEngine engine = engine("http.p95.critical", DefaultRules.all().get("http.p95.critical"));
    assertThat(engine.applicationStatus()).isEqualTo(ApplicationStatus.UP);

    engine.accept(slow(1, 1500));
    engine.accept(slow(2, 1500));

    assertThat(engine.applicationStatus()).isEqualTo(ApplicationStatus.DEGRADED);
    GaugePoint firing =
        registry.collect(1, 0, 1).gauges().stream()
            .filter(point -> point.instrument().name().equals("hourglass.alerts.firing"))
            .findFirst()
            .orElseThrow();
    assertThat(firing.attributeValues()).containsExactly("http.p95.critical", "critical");
    assertThat(firing.value()).isEqualTo(1.0);
  }
}
