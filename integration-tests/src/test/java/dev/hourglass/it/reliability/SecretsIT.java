package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.ChildJvms;
import dev.hourglass.it.Http;
import dev.hourglass.it.InstrumentedApp;
import dev.hourglass.it.OtlpReceiver;
import dev.hourglass.it.OtlpReceivers;
import dev.hourglass.it.ReceivedExport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secrets planted everywhere an application receives them — query strings, path segments,
 * headers, cookies, form bodies — and in the agent's own configuration (an OTLP API key, a webhook
 * URL with a typo) appear in nothing the agent emits: not in any OTLP payload, not in any line of
 * the process's output, even at debug level. Each new family (JDBC literals, outgoing URLs, the
 * local web server's pages) adds its planted secrets and outputs here.
 */
class SecretsIT {
  private static final String QUERY = "q-s3cret-4417";
  private static final String PATH = "p-s3cret-9021";
  private static final String HEADER = "h-s3cret-3386";
  private static final String COOKIE = "c-s3cret-7765";
  private static final String BODY = "b-s3cret-1290";
  private static final String OTLP_KEY = "k-s3cret-5532";
  private static final String WEBHOOK_TOKEN = "w-s3cret-8843";
  private static final List<String> SECRETS =
      List.of(QUERY, PATH, HEADER, COOKIE, BODY, OTLP_KEY, WEBHOOK_TOKEN);

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void plantedSecretsReachNoPayloadAndNoLogLine() throws Exception {
    OtlpReceiver receiver = otlp.receiver();
    InstrumentedApp app =
        InstrumentedApp.sampleApp(
            jvms.builder()
                .systemProperty("hourglass.log.level", "debug")
                .systemProperty("otel.exporter.otlp.headers", "x-api-key=" + OTLP_KEY)
                .systemProperty(
                    "hourglass.alerts.slack.url", "hooks.slack.com/services/T0/B0/" + WEBHOOK_TOKEN),
            "http/protobuf",
            receiver.httpEndpoint(),
            "200ms");

    Http.get(app.url("/fast?token=" + QUERY + "&password=" + QUERY));
    Http.get(app.url("/slow?ms=1&api_key=" + QUERY));
    Http.get(app.url("/owners/" + PATH));
    Http.get(
        app.url("/fast"),
        Map.of("Authorization", "Bearer " + HEADER, "X-Api-Key", HEADER, "Cookie", "session=" + COOKIE));
    Http.post(
        app.url("/db/owners"),
        "application/x-www-form-urlencoded",
        "name=" + BODY + "&city=" + BODY + "&pet=" + BODY);
    Http.post(app.url("/fast"), "text/plain", "password=" + BODY);
    assertThat(app.jvm().stop()).isIn(0, 143);

    receiver.awaitMetric("http.server.request.duration", Duration.ofSeconds(30));
    assertThat(receiver.exports())
        .as("the configured API key went where it belongs: the collector's request headers")
        .anySatisfy(export -> assertThat(export.header("x-api-key")).containsExactly(OTLP_KEY));
    assertThat(receiver.dataPoints("http.server.request.duration"))
        .extracting(point -> point.attributes().get("http.route"))
        .containsOnly("/fast", "/slow", "/owners/*", "/db/owners");

    for (ReceivedExport export : receiver.exports()) {
      String payload = new String(export.body(), StandardCharsets.ISO_8859_1);
      assertThat(SECRETS).allSatisfy(secret -> assertThat(payload).doesNotContain(secret));
    }
    List<String> log = app.jvm().outputLines();
    assertThat(log).as("the agent logged, at debug level").anyMatch(line -> line.startsWith("[hourglass] DEBUG"));
    assertThat(log)
        .as("the bad webhook URL is reported by key")
        .anyMatch(line -> line.contains("invalid value") && line.contains("hourglass.alerts.slack.url"));
    for (String line : log) {
      assertThat(SECRETS).allSatisfy(secret -> assertThat(line).doesNotContain(secret));
    }
  }
}
