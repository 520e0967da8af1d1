package dev.hourglass.agent.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.AlertState;
import dev.hourglass.agent.alerts.Rule;
import dev.hourglass.agent.alerts.RuleParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadFormatTest {
  private static final String ID = "0123456789abcdef";
  private static final long STARTS = 1_700_000_010_000L; // 2023-11-14T22:13:30Z
  private static final long AT = 1_700_000_020_000L; // 2023-11-14T22:13:40Z

  static Rule p95Rule(String severity) {
    try {
      return new RuleParser(Duration.ofSeconds(10), Duration.ZERO)
          .parse(
              "http.p95." + severity,
              Map.of(
                  "metric", "http.server.request.duration",
                  "signal", "p95",
                  "by", "http.route",
                  "above", "300ms",
                  "severity", severity,
                  "description", "A route's p95 is over its 300 ms budget"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static AlertEvent event(String severity, AlertState status, double value) {
    return new AlertEvent(
        ID, p95Rule(severity), Map.of("http.route", "/slow"), status, false, value, STARTS, AT, "shop");
  }

  @Test
  void generic_firing() {
    assertThat(new GenericPayload().render(event("warning", AlertState.FIRING, 0.452)))
        .isEqualTo(
            "{\"source\":\"hourglass\",\"service\":\"shop\",\"id\":\"0123456789abcdef\","
                + "\"rule\":\"http.p95.warning\",\"status\":\"firing\",\"severity\":\"warning\","
                + "\"reminder\":false,"
                + "\"summary\":\"[FIRING] http.p95.warning (warning) on shop: p95 of"
                + " http.server.request.duration is 452 ms, threshold > 300 ms [http.route=/slow]\","
                + "\"description\":\"A route's p95 is over its 300 ms budget\","
                + "\"metric\":\"http.server.request.duration\",\"signal\":\"p95\","
                + "\"labels\":{\"http.route\":\"/slow\"},\"value\":0.452,\"valueText\":\"452 ms\","
                + "\"comparison\":\">\",\"threshold\":0.3,"
                + "\"condition\":\"p95(http.server.request.duration) by http.route > 300 ms\","
                + "\"startsAt\":\"2023-11-14T22:13:30Z\",\"at\":\"2023-11-14T22:13:40Z\","
                + "\"escalation\":false,\"acknowledgedBy\":null}");
  }

  @Test
  void generic_resolved_withoutAValue_writesNull() {
    String json = new GenericPayload().render(event("critical", AlertState.RESOLVED, Double.NaN));

    assertThat(json)
        .contains("\"status\":\"resolved\",\"severity\":\"critical\"")
        .contains("\"value\":null,\"valueText\":\"n/a\"");
  }

  @Test
  void slack_firingWarning() {
    assertThat(new SlackPayload().render(event("warning", AlertState.FIRING, 0.452)))
        .isEqualTo(
            "{\"text\":\"[FIRING] http.p95.warning (warning) on shop: p95 of"
                + " http.server.request.duration is 452 ms, threshold > 300 ms [http.route=/slow]\","
                + "\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\","
                + "\"text\":\":warning: *FIRING: http.p95.warning* (warning)\\n"
                + "A route's p95 is over its 300 ms budget\\n"
                + "`p95(http.server.request.duration) by http.route > 300 ms`\"}},"
                + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\","
                + "\"text\":\"value *452 ms* · http.route=/slow · service shop ·"
                + " 2023-11-14T22:13:40Z\"}]}]}");
  }

  @Test
  void slack_resolved_isMarkedGreen() {
    String json = new SlackPayload().render(event("critical", AlertState.RESOLVED, 0.12));

    assertThat(json).contains("\"text\":\":white_check_mark: *RESOLVED: http.p95.critical* (critical)\\n");
  }

  @Test
  void discord_resolved() {
    assertThat(new DiscordPayload().render(event("warning", AlertState.RESOLVED, 0.12)))
        .isEqualTo(
            "{\"username\":\"Hourglass\",\"embeds\":[{\"title\":\"RESOLVED: http.p95.warning\","
                + "\"description\":\"A route's p95 is over its 300 ms budget\\n"
                + "`p95(http.server.request.duration) by http.route > 300 ms`\","
                + "\"color\":3061373,\"fields\":["
                + "{\"name\":\"Value\",\"value\":\"120 ms\",\"inline\":true},"
                + "{\"name\":\"Severity\",\"value\":\"warning\",\"inline\":true},"
                + "{\"name\":\"Service\",\"value\":\"shop\",\"inline\":true},"
                + "{\"name\":\"http.route\",\"value\":\"/slow\",\"inline\":true}],"
                + "\"footer\":{\"text\":\"alert 0123456789abcdef\"},"
                + "\"timestamp\":\"2023-11-14T22:13:40Z\"}]}");
  }

  @Test
  void discord_firingCritical_isRed() {
    assertThat(new DiscordPayload().render(event("critical", AlertState.FIRING, 1.5)))
        .contains("\"title\":\"FIRING: http.p95.critical\"")
        .contains("\"color\":" + 0xE01E5A + ",")
        .contains("{\"name\":\"Value\",\"value\":\"1.50 s\",\"inline\":true}");
  }

  @Test
  void pagerDuty_triggerCarriesThePayload_acknowledgeAndResolveOnlyTheSameDedupKey() {
    PagerDutyPayload format = new PagerDutyPayload("R0UT1NGKEY0123456789ABCDEFGHIJKL");

    assertThat(format.render(event("critical", AlertState.FIRING, 1.5)))
        .isEqualTo(
            "{\"routing_key\":\"R0UT1NGKEY0123456789ABCDEFGHIJKL\",\"event_action\":\"trigger\","
                + "\"dedup_key\":\"hourglass:shop:0123456789abcdef\",\"payload\":{"
                + "\"summary\":\"[FIRING] http.p95.critical (critical) on shop: p95 of"
                + " http.server.request.duration is 1.50 s, threshold > 300 ms [http.route=/slow]\","
                + "\"source\":\"shop\",\"severity\":\"critical\",\"timestamp\":\"2023-11-14T22:13:40Z\","
                + "\"component\":\"http.server.request.duration\",\"class\":\"http.p95.critical\","
                + "\"custom_details\":{\"condition\":\"p95(http.server.request.duration) by http.route > 300 ms\","
                + "\"value\":\"1.50 s\",\"description\":\"A route's p95 is over its 300 ms budget\","
                + "\"escalation\":false,\"http.route\":\"/slow\"}},\"client\":\"Hourglass\"}");
    assertThat(format.render(event("critical", AlertState.ACKNOWLEDGED, 1.5)))
        .isEqualTo(
            "{\"routing_key\":\"R0UT1NGKEY0123456789ABCDEFGHIJKL\",\"event_action\":\"acknowledge\","
                + "\"dedup_key\":\"hourglass:shop:0123456789abcdef\",\"client\":\"Hourglass\"}");
    assertThat(format.render(event("critical", AlertState.RESOLVED, 0.1)))
        .isEqualTo(
            "{\"routing_key\":\"R0UT1NGKEY0123456789ABCDEFGHIJKL\",\"event_action\":\"resolve\","
                + "\"dedup_key\":\"hourglass:shop:0123456789abcdef\",\"client\":\"Hourglass\"}");
  }

  @Test
  void log_writesOneJsonLine() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      new LogNotifier().send(event("warning", AlertState.FIRING, 0.452));
    } finally {
      System.setErr(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[hourglass] WARN alert "
                + new GenericPayload().render(event("warning", AlertState.FIRING, 0.452))
                + System.lineSeparator());
  }
}
