package dev.hourglass.it.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.hourglass.it.alerts.PagerDutyEndpoint.Delivery;
import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.Ports;
import dev.hourglass.it.web.Json;
import dev.hourglass.it.web.Load;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An on-call team's day with the real agent in the sample app: a slow route fires two rules; their
 * emails arrive at a real SMTP server (GreenMail, in this JVM) and their pages at an endpoint
 * speaking PagerDuty's Events API v2; someone acknowledges one through {@code POST
 * /api/alerts/<id>/ack}; only the other escalates; both resolve when the route is fast again. And a
 * mail server that is down, then up, costs one log line each way and is a health problem meanwhile.
 */
class AlertOperationsIT {
  private static final Duration SOON = Duration.ofSeconds(60);
  private static final String TOKEN = "write-token-for-the-alerts-test";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @TempDir Path history;

  /** A rule on the max latency of /slow over 100 ms, firing and resolving after one interval. */
  private static void slowRule(ChildJvm.Builder builder, String name, String... fields) {
    String prefix = "hourglass.alerts.rule." + name + ".";
    builder
        .systemProperty(prefix + "metric", "http.server.request.duration")
        .systemProperty(prefix + "signal", "max")
        .systemProperty(prefix + "where", "http.route=/slow")
        .systemProperty(prefix + "by", "http.route")
        .systemProperty(prefix + "above", "100ms")
        .systemProperty(prefix + "samples", "1")
        .systemProperty(prefix + "for", "1")
        .systemProperty(prefix + "recover", "1");
    for (int i = 0; i < fields.length; i += 2) {
      builder.systemProperty(prefix + fields[i], fields[i + 1]);
    }
  }

  private InstrumentedApp sampleApp(int dashboardPort, int smtpPort, String pagerDutyUrl, String webhookUrl,
      java.util.function.Consumer<ChildJvm.Builder> rules) {
    ChildJvm.Builder builder =
        jvms.builder()
            .mainClass(InstrumentedApp.SAMPLE_APP)
            .systemProperty("otel.metrics.exporter", "none")
            .systemProperty("otel.service.name", "shop")
            .systemProperty("otel.metric.export.interval", "1s")
            .systemProperty("hourglass.history.dir", history.toString())
            .systemProperty("hourglass.http.port", String.valueOf(dashboardPort))
            .systemProperty("hourglass.http.token", TOKEN)
            .systemProperty("hourglass.alerts.defaults.enabled", "false")
            .systemProperty("hourglass.alerts.notify.retries", "1")
            .systemProperty("hourglass.alerts.email.host", "127.0.0.1")
            .systemProperty("hourglass.alerts.email.port", String.valueOf(smtpPort))
            .systemProperty("hourglass.alerts.email.security", "none")
            .systemProperty("hourglass.alerts.email.username", "hourglass")
            .systemProperty("hourglass.alerts.email.password", "s3cret")
            .systemProperty("hourglass.alerts.email.from", "hourglass@example.com")
            .systemProperty("hourglass.alerts.email.to", "oncall@example.com");
    if (pagerDutyUrl != null) {
      builder
          .systemProperty("hourglass.alerts.pagerduty.routing.key", "R0UT1NGKEY0123456789ABCDEFGHIJKL")
          .systemProperty("hourglass.alerts.pagerduty.url", pagerDutyUrl)
          .systemProperty("hourglass.alerts.webhook.url", webhookUrl);
    }
    rules.accept(builder);
    return InstrumentedApp.start(builder, InstrumentedApp.SAMPLE_APP_READY);
  }

  private static GreenMail smtp(int port) {
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.setUser("oncall@example.com", "hourglass", "s3cret");
    smtp.start();
    return smtp;
  }

  private static Load slowTraffic(InstrumentedApp app) {
    return new Load(List.of(app.url("/slow?ms=150")));
  }

  private static Map<String, String> bearer() {
    return Map.of("Authorization", "Bearer " + TOKEN);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> json, String field) {
    return (List<Map<String, Object>>) json.get(field);
  }

  @Test
  void slowRoute_emailsAndPages_acknowledgedRuleDoesNotEscalate_otherDoes_bothResolve() throws Exception {
    int smtpPort = Ports.free();
    int dashboardPort = Ports.free();
    GreenMail smtp = smtp(smtpPort);
    try (PagerDutyEndpoint pagerDuty = PagerDutyEndpoint.start()) {
      InstrumentedApp app =
          sampleApp(dashboardPort, smtpPort, pagerDuty.eventsUrl(), pagerDuty.webhookUrl(),
              builder -> {
                slowRule(builder, "ops.acked", "notify", "email,pagerduty", "escalate", "6s", "escalate_to", "webhook");
                slowRule(builder, "ops.ignored", "notify", "email", "escalate", "6s", "escalate_to", "pagerduty");
              });
      String api = "http://127.0.0.1:" + dashboardPort;
      Load traffic = slowTraffic(app);

      Delivery trigger = pagerDuty.await(d -> "ops.acked".equals(d.payload().get("class")), SOON);
      Map<String, Object> alerts = Json.object(Http.get(api + "/api/alerts", bearer()).body());
      String id = (String) list(alerts, "alerts").stream()
          .filter(alert -> alert.get("rule").equals("ops.acked")).findFirst().orElseThrow().get("id");
      Http.Response ack = Http.post(api + "/api/alerts/" + id + "/ack", "application/json",
          "{\"by\":\"alice\"}".getBytes(StandardCharsets.UTF_8), bearer(), Http.DEFAULT_TIMEOUT);
      assertThat(ack.status()).as(ack.body()).isEqualTo(200);
      assertThat(Json.object(ack.body())).containsEntry("result", "acknowledged").containsEntry("by", "alice");

      Delivery escalation = pagerDuty.await(d -> "ops.ignored".equals(d.payload().get("class")), SOON);
      Thread.sleep(2_000); // past ops.acked's own escalation time too (they fired together)
      traffic.close();
      pagerDuty.await(d -> "resolve".equals(d.action()) && trigger.dedupKey().equals(d.dedupKey()), SOON);
      pagerDuty.await(d -> "resolve".equals(d.action()) && escalation.dedupKey().equals(d.dedupKey()), SOON);
      smtp.waitForIncomingEmail(SOON.toMillis(), 4);
      Map<String, Object> after = Json.object(Http.get(api + "/api/alerts", bearer()).body());
      app.stopAndFlush();

      List<Delivery> acked = pagerDuty.deliveries().stream()
          .filter(d -> trigger.dedupKey().equals(d.dedupKey())).toList();
      assertThat(acked).extracting(Delivery::action).containsExactly("trigger", "acknowledge", "resolve");
      assertThat(acked).extracting(Delivery::accepted).containsOnly(true);
      assertThat(trigger.dedupKey()).isEqualTo("hourglass:shop:" + id);
      assertThat(escalation.payload()).extracting("custom_details").asInstanceOf(
          org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("escalation", true);
      assertThat(pagerDuty.deliveries())
          .as("the acknowledged rule never escalated to the webhook")
          .filteredOn(d -> d.path().equals("/hook"))
          .noneMatch(d -> "ops.acked".equals(d.body().get("rule")));

      MimeMessage firing = List.of(smtp.getReceivedMessages()).stream()
          .filter(mail -> subject(mail).startsWith("[FIRING] ops.acked")).findFirst().orElseThrow();
      assertThat(subject(firing)).endsWith("[http.route=/slow]").contains("max of http.server.request.duration is ");
      String body = GreenMailUtil.getBody(firing).replace("=\r\n", "");
      assertThat(body).contains("  http.route: /slow").contains("Alert id:   " + id);
      assertThat(millis(body)).as("the max latency of /slow?ms=150").isBetween(150.0, 1_000.0);
      assertThat(List.of(smtp.getReceivedMessages())).extracting(AlertOperationsIT::subject)
          .anyMatch(subject -> subject.startsWith("[ACKNOWLEDGED] ops.acked") && subject.endsWith("acknowledged by alice"));

      Map<String, Object> times = list(after, "responseTimes").stream()
          .filter(rule -> rule.get("rule").equals("ops.acked")).findFirst().orElseThrow();
      assertThat(times).containsEntry("incidents", 1L).containsEntry("acknowledged", 1L).containsEntry("resolved", 1L);
    } finally {
      smtp.stop();
    }
  }

  @Test
  void smtpServerDownThenUp_logsOneLineEachWay_andIsAHealthProblemMeanwhile() throws Exception {
    int smtpPort = Ports.free();
    int dashboardPort = Ports.free();
    InstrumentedApp app =
        sampleApp(dashboardPort, smtpPort, null, null,
            builder -> slowRule(builder, "ops.mail", "notify", "email", "recover", "100", "renotify", "2s"));
    String api = "http://127.0.0.1:" + dashboardPort;
    Load traffic = slowTraffic(app);
    app.jvm().awaitLine(Pattern.compile("alert notifier email is failing"), SOON);
    assertThat(Json.object(Http.get(api + "/api/health", bearer()).body()).get("problems").toString())
        .contains("alert notifier email failing: ");
    Thread.sleep(5_000); // two reminders more, each failing

    GreenMail smtp = smtp(smtpPort);
    try {
      app.jvm().awaitLine(Pattern.compile("alert notifier email is delivering again"), SOON);
      smtp.waitForIncomingEmail(SOON.toMillis(), 1);
      assertThat(Json.object(Http.get(api + "/api/health", bearer()).body()).get("problems").toString())
          .doesNotContain("alert notifier email");
      traffic.close();
      app.stopAndFlush();
    } finally {
      smtp.stop();
    }
    assertThat(app.jvm().outputLines()).filteredOn(line -> line.contains("alert notifier email")).hasSize(2);
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }

  /** The {@code Value:} line of an alert email, in milliseconds. */
  private static double millis(String body) {
    java.util.regex.Matcher value = Pattern.compile("Value: +([0-9.]+) (ms|s)").matcher(body);
    assertThat(value.find()).as(body).isTrue();
    double number = Double.parseDouble(value.group(1));
    return value.group(2).equals("s") ? number * 1000 : number;
  }
}
