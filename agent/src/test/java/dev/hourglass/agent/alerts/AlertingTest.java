package dev.hourglass.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.alerts.notify.Notifier;
import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertingTest {
  @Test
  void notifiers_areTheLogPlusEachConfiguredUrl() {
    Config config =
        Config.from(
            Map.of(),
            Map.of(
                "hourglass.alerts.webhook.url", "http://127.0.0.1:9/hook",
                "hourglass.alerts.slack.url", "https://hooks.slack.com/services/T/B/X",
                "hourglass.alerts.discord.url", "ftp://discord.example/hook"),
            Map.of());

    assertThat(Alerting.notifiers(config))
        .extracting(Notifier::name)
        .containsExactly("log", "webhook", "slack");
    assertThat(config.problems())
        .containsExactly(
            "invalid value (26 characters, not shown: it may hold a credential) for"
                + " hourglass.alerts.discord.url: expected an absolute http:// or https:// URL;"
                + " using the default (none)");
  }

  @Test
  void install_subscribesTheEngineToTheClock_andReportsBadRules() {
    Config config =
        Config.from(
            Map.of(),
            Map.of(
                "hourglass.alerts.log.enabled", "false",
                "hourglass.alerts.rule.http.p95.warning.severity", "urgent"),
            Map.of());
    MetricRegistry registry = new MetricRegistry(100, 30);
    IntervalClock clock = new IntervalClock(registry, Duration.ofSeconds(10));

    AlertsView view = Alerting.install(config, clock, registry, "shop", null).engine();
    clock.tick();

    assertThat(view.rules()).hasSize(11);
    assertThat(view.problems())
        .containsExactly(
            "alert rule 'http.p95.warning' is ignored: field 'severity': expected warning or"
                + " critical, got 'urgent'");
    assertThat(view.lastEvaluationEpochMillis()).isPositive();
    assertThat(view.applicationStatus()).isEqualTo(ApplicationStatus.UP);
    clock.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void disabled_installsNothing() {
    Config config = Config.from(Map.of(), Map.of("hourglass.alerts.enabled", "false"), Map.of());
    MetricRegistry registry = new MetricRegistry(100, 30);

    assertThat(Alerting.install(config, new IntervalClock(registry, Duration.ofSeconds(10)), registry, "shop", null))
        .isNull();
  }
}
