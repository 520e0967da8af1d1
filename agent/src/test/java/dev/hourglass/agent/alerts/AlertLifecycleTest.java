package dev.hourglass.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.alerts.AlertControl.Acknowledgement;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firing → acknowledged → resolved, escalation and response times, on a scripted timeline: the
 * snapshots' interval ends (10 s apart) drive evaluation and a hand-set clock the
 * acknowledgements, so every figure is exact.
 */
class AlertLifecycleTest {
  private static final String RULE = "checkout.slow";

  @TempDir Path folder;

  private final List<AlertEvent> events = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();

  /** p95 of /slow over 300 ms, fires on the first breach, resolves after one clear interval. */
  private AlertEngine engine(String... fields) {
    Map<String, String> rule = new LinkedHashMap<>(DefaultRules.all().get("http.p95.warning"));
    rule.put("for", "1");
    rule.put("recover", "1");
    rule.put("notify", "slack");
    for (int i = 0; i < fields.length; i += 2) {
      rule.put(fields[i], fields[i + 1]);
    }
    RuleSet rules =
        RuleSet.build(
            Map.of(RULE, rule),
            new RuleParser(Duration.ofSeconds(10), Duration.ZERO, Set.of("slack", "pagerduty", "email")),
            new ArrayList<>());
    assertThat(rules.problems()).isEmpty();
    return new AlertEngine(
        rules,
        events::add,
        () -> new NotificationStats(0, 0, 0, 0),
        new MetricRegistry(100, 30),
        "shop",
        now::get,
        new ResponseTimesFile(folder.resolve(ResponseTimesFile.NAME)));
  }

  private static IntervalSnapshot slow(long sequence) {
    return SnapshotBuilder.interval(sequence).requests("/slow", 200, 20, 450).build();
  }

  private static IntervalSnapshot fast(long sequence) {
    return SnapshotBuilder.interval(sequence).requests("/slow", 200, 20, 50).build();
  }

  private static long at(long sequence) {
    return SnapshotBuilder.endMillis(sequence);
  }

  @Test
  void acknowledgedAlert_movesToAcknowledged_tellsItsNotifiers_andResolvesAsBefore() {
    AlertEngine engine = engine();
    engine.accept(slow(1));
    String id = engine.active().get(0).id();
    now.set(at(1) + 4_000);

    assertThat(engine.acknowledge(id, "alice")).isEqualTo(Acknowledgement.ACKNOWLEDGED);
    assertThat(engine.acknowledge(id, "bob")).isEqualTo(Acknowledgement.ALREADY_ACKNOWLEDGED);
    assertThat(engine.acknowledge("0123456789abcdef", "bob")).isEqualTo(Acknowledgement.UNKNOWN);

    ActiveAlert acknowledged = engine.active().get(0);
    assertThat(acknowledged.state()).isEqualTo(AlertState.ACKNOWLEDGED);
    assertThat(acknowledged.acknowledgedBy()).isEqualTo("alice");
    assertThat(acknowledged.sinceEpochMillis()).isEqualTo(at(1) + 4_000);
    assertThat(acknowledged.firedEpochMillis()).isEqualTo(at(1));
    assertThat(engine.applicationStatus()).isEqualTo(ApplicationStatus.UP);
    engine.accept(slow(2));
    engine.accept(fast(3));

    assertThat(events).extracting(AlertEvent::status)
        .containsExactly(AlertState.FIRING, AlertState.ACKNOWLEDGED, AlertState.RESOLVED);
    assertThat(events).extracting(AlertEvent::id).containsOnly(id);
    assertThat(events).extracting(AlertEvent::notifiers).containsOnly(List.of("slack"));
    AlertEvent ack = events.get(1);
    assertThat(ack.acknowledgedBy()).isEqualTo("alice");
    assertThat(ack.atEpochMillis()).isEqualTo(at(1) + 4_000);
    assertThat(ack.startsAtEpochMillis()).isEqualTo(at(1));
    assertThat(ack.summary()).startsWith("[ACKNOWLEDGED] checkout.slow (warning) on shop:").endsWith("acknowledged by alice");
    assertThat(engine.active()).isEmpty();
    assertThat(engine.recentTransitions()).extracting(AlertTransition::to)
        .containsExactly(AlertState.RESOLVED, AlertState.ACKNOWLEDGED, AlertState.FIRING);
  }

  @Test
  void pendingAlert_cannotBeAcknowledged() {
    AlertEngine engine = engine("for", "2");
    engine.accept(slow(1));

    assertThat(engine.acknowledge(engine.active().get(0).id(), "alice")).isEqualTo(Acknowledgement.NOT_FIRING);
    assertThat(engine.active().get(0).state()).isEqualTo(AlertState.PENDING);
  }

  @Test
  void unacknowledgedAlert_escalatesOnceToTheSecondSet_andLaterEventsGoToBothSets() {
    AlertEngine engine = engine("escalate", "20s", "escalate_to", "pagerduty");
    engine.accept(slow(1)); // fires at t1
    engine.accept(slow(2)); // 10 s: not yet
    engine.accept(slow(3)); // 20 s: escalates
    engine.accept(slow(4)); // once only
    now.set(at(4) + 1_000);
    engine.acknowledge(engine.active().get(0).id(), "carol");
    engine.accept(fast(5));

    assertThat(events).extracting(AlertEvent::status, AlertEvent::escalation, AlertEvent::notifiers)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertState.FIRING, false, List.of("slack")),
            org.assertj.core.groups.Tuple.tuple(AlertState.FIRING, true, List.of("pagerduty")),
            org.assertj.core.groups.Tuple.tuple(AlertState.ACKNOWLEDGED, false, List.of("slack", "pagerduty")),
            org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, false, List.of("slack", "pagerduty")));
    assertThat(events.get(1).atEpochMillis()).isEqualTo(at(3));
  }

  @Test
  void alertAcknowledgedInTime_neverEscalates() {
    AlertEngine engine = engine("escalate", "20s", "escalate_to", "pagerduty");
    engine.accept(slow(1));
    now.set(at(1) + 19_000);
    engine.acknowledge(engine.active().get(0).id(), "dave");
    for (long sequence = 2; sequence <= 6; sequence++) {
      engine.accept(slow(sequence));
    }

    assertThat(events).extracting(AlertEvent::escalation).containsOnly(false);
    assertThat(events).extracting(AlertEvent::notifiers).containsOnly(List.of("slack"));
    assertThat(engine.active().get(0).escalated()).isFalse();
  }

  @Test
  void responseTimes_equalTheScriptedTimeline_andSurviveARestart() {
    AlertEngine engine = engine();
    // Incident 1: fires at t1, acknowledged 30 s later, resolves at t5 (40 s after firing).
    engine.accept(slow(1));
    now.set(at(1) + 30_000);
    engine.acknowledge(engine.active().get(0).id(), "alice");
    engine.accept(slow(2));
    engine.accept(slow(3));
    engine.accept(slow(4));
    engine.accept(fast(5));
    // Incident 2: fires at t7, acknowledged 90 s later (t7 + 90 s), resolves at t20 (130 s).
    engine.accept(fast(6));
    engine.accept(slow(7));
    now.set(at(7) + 90_000);
    engine.acknowledge(engine.active().get(0).id(), "bob");
    for (long sequence = 8; sequence <= 19; sequence++) {
      engine.accept(slow(sequence));
    }
    engine.accept(fast(20));
    // Incident 3: fires at t21, nobody acknowledges, resolves at t23 (20 s).
    engine.accept(slow(21));
    engine.accept(slow(22));
    engine.accept(fast(23));
    // Incident 4: fires at t24 and is still firing.
    engine.accept(slow(24));

    ResponseTimes expected = new ResponseTimes(4, 2, 30_000 + 90_000, 3, 40_000 + 130_000 + 20_000);
    assertThat(engine.responseTimes()).containsExactly(Map.entry(RULE, expected));
    assertThat(expected.meanAckMillis()).isEqualTo(60_000.0);
    assertThat(expected.meanResolveMillis()).isEqualTo(190_000.0 / 3);

    AlertEngine restarted = engine();
    assertThat(restarted.responseTimes()).containsExactly(Map.entry(RULE, expected));
  }

  @Test
  void unreadableResponseTimesFile_startsFromZero() throws Exception {
    java.nio.file.Files.writeString(folder.resolve(ResponseTimesFile.NAME), "{\"rules\": [garbage");

    AlertEngine engine = engine();
    engine.accept(slow(1));

    assertThat(engine.responseTimes()).containsExactly(Map.entry(RULE, new ResponseTimes(1, 0, 0, 0, 0)));
  }
}
