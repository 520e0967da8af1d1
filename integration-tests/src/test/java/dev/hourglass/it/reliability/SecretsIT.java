package dev.hourglass.it.reliability;

import static dev.hourglass.it.reliability.SecretsApp.COMMON_FAILURES;
import static dev.hourglass.it.reliability.SecretsApp.COMMON_STEPS;
import static dev.hourglass.it.reliability.SecretsApp.POSTGRES_FAILURES;
import static dev.hourglass.it.reliability.SecretsApp.POSTGRES_STEPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceiver;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.Ports;
import dev.hourglass.it.harness.PostgresCluster;
import dev.hourglass.it.harness.ReceivedExport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secrets planted everywhere an application receives or passes them — query strings, path
 * segments, headers, cookies and bodies of its requests; string, number, hex, IN-list, comment,
 * bind, batch, escaped, dollar-quoted and password literals of its SQL in H2 and PostgreSQL 15;
 * the query, userinfo, fragment and headers of its outgoing HTTP calls; its JDBC URLs — and in the
 * agent's own configuration (an OTLP API key in a header and in the endpoint's query, a webhook URL
 * with a token, a Slack URL with a typo)
 * appear in nothing the agent emits: no OTLP payload, no line of the process's output (at debug
 * level), no page of the local server (every {@code /api/*} endpoint, {@code /metrics} in every
 * format, the dashboard and its assets) and no alert webhook. Each output is first shown to carry
 * the sanitized forms, so the scan looks where a leak would be.
 */
class SecretsIT {
  private static final String QUERY = "q-s3cret-4417";
  private static final String PATH = "p-s3cret-9021";
  private static final String HEADER = "h-s3cret-3386";
  private static final String COOKIE = "c-s3cret-7765";
  private static final String BODY = "b-s3cret-1290";
  private static final String OTLP_KEY = "k-s3cret-5532";
  private static final String SLACK_TOKEN = "w-s3cret-8843";
  private static final String WEBHOOK_TOKEN = "wq-s3cret-6120";
  private static final String JDBC_PASSWORD = "jp-s3cret-2751";
  private static final String ENDPOINT_KEY = "e-s3cret-3904";
  private static final String MESSAGE = "m-s3cret-6071";
  private static final List<String> SECRETS =
      Stream.of(
              List.of(QUERY, PATH, HEADER, COOKIE, BODY, OTLP_KEY, SLACK_TOKEN, WEBHOOK_TOKEN,
                  JDBC_PASSWORD, ENDPOINT_KEY, MESSAGE),
              SecretsApp.SQL_SECRETS,
              SecretsApp.POSTGRES_SECRETS,
              SecretsApp.OUTGOING_SECRETS)
          .flatMap(List::stream)
          .toList();
  private static final Duration SOON = Duration.ofSeconds(60);

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void plantedSecretsReachNoPayloadNoLogLineNoPageAndNoWebhook() throws Exception {
    try (PostgresCluster postgres = PostgresCluster.start();
        WebhookReceiver webhook = WebhookReceiver.start()) {
      OtlpReceiver receiver = otlp.receiver();
      int dashboardPort = Ports.free();
      InstrumentedApp app =
          InstrumentedApp.start(
              InstrumentedApp.exportingTo(
                  jvms.builder()
                      .mainClass(SecretsApp.class)
                      .systemProperty("secrets.h2.url",
                          "jdbc:h2:mem:secrets;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=" + JDBC_PASSWORD)
                      .systemProperty("secrets.postgres.url",
                          postgres.jdbcUrl() + "?user=" + postgres.user() + "&password=" + JDBC_PASSWORD)
                      .systemProperty("hourglass.log.level", "debug")
                      .systemProperty("hourglass.http.port", String.valueOf(dashboardPort))
                      .systemProperty("hourglass.jdbc.slow.threshold", "1ms")
                      // Every request keeps its breakdown: statements and calls in /api/traces.
                      .systemProperty("hourglass.traces.threshold", "1ms")
                      // The application's own container log would print /fail's message.
                      .systemProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "off")
                      .systemProperty("hourglass.jdbc.nplusone.threshold", "2")
                      .systemProperty("otel.exporter.otlp.headers", "x-api-key=" + OTLP_KEY)
                      .systemProperty("hourglass.alerts.webhook.url",
                          webhook.url("/hook?token=" + WEBHOOK_TOKEN))
                      .systemProperty("hourglass.alerts.slack.url",
                          "hooks.slack.com/services/T0/B0/" + SLACK_TOKEN)
                      // One alert per SQL shape, so the webhook carries sanitized SQL.
                      .systemProperty("hourglass.alerts.rule.secrets.sql.metric",
                          "db.client.operation.duration")
                      .systemProperty("hourglass.alerts.rule.secrets.sql.signal", "count")
                      .systemProperty("hourglass.alerts.rule.secrets.sql.above", "0")
                      .systemProperty("hourglass.alerts.rule.secrets.sql.for", "1")
                      .systemProperty("hourglass.alerts.rule.secrets.sql.by", "db.query.text"),
                  "http/protobuf",
                  // Some vendors take the API key in the endpoint's query.
                  receiver.httpEndpoint() + "?tenant-key=" + ENDPOINT_KEY,
                  "500ms"),
              SecretsApp.READY);
      String dashboard = "http://127.0.0.1:" + dashboardPort;
      app.jvm().awaitLine(Pattern.compile("\\[hourglass\\] INFO dashboard at "), SOON);

      sendRequestsCarryingSecrets(app);
      Map<String, String> webhooks = awaitAlertsCarryingSanitizedSql(webhook);
      Map<String, String> pages = awaitPagesCarryingSanitizedSql(dashboard);
      assertThat(app.stopAndFlush()).isIn(0, 143);

      receiver.awaitMetric("db.client.operation.duration", SOON);
      assertThat(receiver.exports())
          .as("the configured API key went where it belongs: the collector's request headers")
          .anySatisfy(export -> assertThat(export.header("x-api-key")).containsExactly(OTLP_KEY));
      assertThat(webhook.deliveries())
          .as("the webhook token went where it belongs: the webhook's URL")
          .allSatisfy(delivery -> assertThat(delivery.uri()).endsWith("token=" + WEBHOOK_TOKEN));
      assertThat(receiver.dataPoints("http.server.request.duration"))
          .extracting(point -> point.attributes().get("http.route"))
          .containsOnly("/items/*", "/sql", "/call", "/downstream", "/fail");
      List<String> log = app.jvm().outputLines();
      assertThat(log).as("the agent logged, at debug level").anyMatch(line -> line.startsWith("[hourglass] DEBUG"));
      assertThat(log).as("slow queries were logged").anyMatch(line -> line.contains("FROM owners WHERE token = ?"));
      assertThat(log)
          .as("the bad Slack URL is reported by key")
          .anyMatch(line -> line.contains("invalid value") && line.contains("hourglass.alerts.slack.url"));

      Map<String, String> outputs = new LinkedHashMap<>();
      List<ReceivedExport> exports = receiver.exports();
      for (int i = 0; i < exports.size(); i++) {
        outputs.put("OTLP export #" + i, new String(exports.get(i).body(), StandardCharsets.ISO_8859_1));
      }
      outputs.put("process output (" + app.jvm().logFile() + ")", String.join("\n", log));
      pages.forEach((path, body) -> outputs.put("GET " + path, body));
      webhooks.forEach((id, body) -> outputs.put("webhook " + id, body));
      assertNoSecretIn(outputs);
    }
  }

  private static void sendRequestsCarryingSecrets(InstrumentedApp app) {
    assertThat(Http.get(app.url("/items/a?token=" + QUERY + "&password=" + QUERY)).status()).isEqualTo(200);
    assertThat(Http.get(app.url("/items/" + PATH)).status()).isEqualTo(200);
    Http.get(
        app.url("/items/b"),
        Map.of("Authorization", "Bearer " + HEADER, "X-Api-Key", HEADER, "Cookie", "session=" + COOKIE));
    Http.post(app.url("/items/c"), "application/x-www-form-urlencoded", "name=" + BODY + "&pin=" + BODY);
    // H2 runs the common steps, PostgreSQL the common and its own.
    int executed = (COMMON_STEPS - COMMON_FAILURES) * 2 + POSTGRES_STEPS - POSTGRES_FAILURES;
    int failed = COMMON_FAILURES * 2 + POSTGRES_FAILURES;
    for (int round = 0; round < 2; round++) {
      assertThat(Http.get(app.url("/sql")).body()).isEqualTo("executed=" + executed + " failed=" + failed);
      assertThat(Http.get(app.url("/call")).body()).isEqualTo("200,200,refused");
      assertThat(Http.get(app.url("/fail?order=" + MESSAGE)).status()).isEqualTo(500);
    }
  }

  /** The SQL rule and the built-in rate-limit rule (97 of 100 used) fire; keyed by rule and id. */
  private static Map<String, String> awaitAlertsCarryingSanitizedSql(WebhookReceiver webhook)
      throws InterruptedException {
    webhook.await(body -> body.contains("FROM owners WHERE password = ?"), SOON);
    webhook.await(body -> body.contains("\"rule\":\"http.client.ratelimit\""), SOON);
    Map<String, String> bodies = new LinkedHashMap<>();
    List<WebhookReceiver.Delivery> deliveries = webhook.deliveries();
    for (int i = 0; i < deliveries.size(); i++) {
      bodies.put("#" + i, deliveries.get(i).body());
    }
    return bodies;
  }

  /** Waits until the findings are on the server, then fetches every page it serves. */
  private static Map<String, String> awaitPagesCarryingSanitizedSql(String dashboard)
      throws InterruptedException {
    AgentServerPages server = new AgentServerPages(dashboard);
    long deadline = System.nanoTime() + SOON.toNanos();
    while (true) {
      Map<String, String> pages = server.fetchAll();
      String queries = pages.get("/api/queries");
      String clients = pages.get("/api/clients");
      String metrics = pages.get("/metrics");
      String traces = pages.get("/api/traces");
      String errorGroups = pages.get("/api/errors/groups");
      if (queries.contains("SELECT name FROM owners WHERE password = ?")
          && traces.contains("\"route\":\"/sql\"")
          && traces.contains("\"route\":\"/call\"")
          && pages.keySet().stream().anyMatch(path -> path.startsWith("/api/traces/"))
          && errorGroups.contains("\"type\":\"java.lang.IllegalStateException\"")
          && errorGroups.contains("\"source\":\"jdbc\"")
          // Failed statements and the refused call are named with the route that made them.
          && errorGroups.contains("\"routes\":[\"/sql\"]")
          && errorGroups.contains("\"routes\":[\"/call\"]")
          && queries.contains("\"nPlusOne\":[{")
          && clients.contains("\"host\":\"127.0.0.1\"")
          && clients.contains("\"remaining\":3")
          && metrics.contains("db_query_text=\"SELECT id FROM owners WHERE card = ? OR name IN (?)\"")) {
        return pages;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the server never showed the findings: " + queries + "\n" + clients + "\n" + errorGroups);
      }
      Thread.sleep(500);
    }
  }

  private static void assertNoSecretIn(Map<String, String> outputs) {
    List<String> leaks = new ArrayList<>();
    outputs.forEach(
        (name, text) -> {
          String lower = text.toLowerCase(Locale.ROOT);
          for (String secret : SECRETS) {
            int at = lower.indexOf(secret.toLowerCase(Locale.ROOT));
            if (at >= 0) {
              leaks.add(secret + " in " + name + ": ..."
                  + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 40)) + "...");
            }
          }
        });
    assertThat(outputs.keySet())
        .as("scanned outputs")
        .contains("GET /api/metrics", "GET /api/health", "GET /metrics", "GET /", "GET /assets/app.js",
            "GET /api/traces", "GET /api/errors/groups");
    assertThat(leaks).as("planted secrets found in the agent's outputs").isEmpty();
  }
}
