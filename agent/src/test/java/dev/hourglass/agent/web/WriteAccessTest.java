package dev.hourglass.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.alerts.AlertControl;
import dev.hourglass.agent.alerts.AlertEngine;
import dev.hourglass.agent.alerts.AlertsView;
import dev.hourglass.agent.alerts.NotificationStats;
import dev.hourglass.agent.alerts.RuleParser;
import dev.hourglass.agent.alerts.RuleStore;
import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.web.state.DashboardState;
import dev.hourglass.agent.web.state.SeriesErrors;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.exporter.prometheus.PrometheusScrapeView;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may change what: writes need the write token even on loopback; the read token reads only;
 * a browser's writes need the same Origin and the session's CSRF token; rules are saved to the
 * rules file, built-in ones refused.
 */
class WriteAccessTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir Path dir;

  private final DashboardState state = new DashboardState(360, false);
  private final DashboardViews views = new DashboardViews(new SeriesErrors(state));
  private WebServer server;
  private AlertEngine engine;
  private RuleStore store;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** The server with one rule firing on /slow (p95 over 300 ms, fires on the first breach). */
  private void start(String token, String readToken) throws Exception {
    Map<String, String> properties = new HashMap<>();
    properties.put("hourglass.alerts.defaults.enabled", "false");
    properties.put("hourglass.alerts.file", dir.resolve("alerts.json").toString());
    properties.put("hourglass.alerts.rule.slow.metric", "http.server.request.duration");
    properties.put("hourglass.alerts.rule.slow.signal", "p95");
    properties.put("hourglass.alerts.rule.slow.above", "300ms");
    properties.put("hourglass.alerts.rule.slow.for", "1");
    store =
        RuleStore.open(
            Config.from(Map.of(), properties, Map.of()),
            new RuleParser(Duration.ofSeconds(10), Duration.ZERO));
    engine =
        new AlertEngine(
            store.current(), event -> {}, () -> new NotificationStats(0, 0, 0, 0), new MetricRegistry(100, 30), "shop");
    engine.accept(SnapshotBuilder.interval(1).requests("/slow", 200, 20, 450).build());
    views.offer(AlertsView.class, engine);
    views.offer(AlertControl.class, engine);
    views.offer(RuleStore.class, store);
    server =
        WebServer.start(
            new WebServer.Options("127.0.0.1", WebServerTest.freePort(), token, readToken),
            state,
            views,
            new PrometheusScrapeView(),
            WebServerTest.status());
    assertThat(server).isNotNull();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String alertId() {
    return engine.active().get(0).id();
  }

  private String origin() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void withoutToken_readsWork_butWritesAreRefusedSayingHowToEnableEditing() throws Exception {
    start(null, null);

    assertThat(send("GET", "/api/alerts", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ack = send("POST", "/api/alerts/" + alertId() + "/ack", "{}");
    assertThat(ack.statusCode()).isEqualTo(403);
    assertThat(ack.body()).contains("editing is off: start the agent with hourglass.http.token=");
    assertThat(send("GET", "/api/session", null).body())
        .isEqualTo("{\"role\":\"read\",\"canWrite\":false,\"csrf\":null,\"howToEdit\":\""
            + AccessGuard.ENABLE_EDITING + "\"}");
    assertThat(engine.active().get(0).acknowledgedBy()).isNull();
  }

  @Test
  void readToken_readsButCannotWrite() throws Exception {
    start("write-secret", "read-secret");

    assertThat(send("GET", "/api/alerts", null, "Authorization", "Bearer read-secret").statusCode()).isEqualTo(200);
    HttpResponse<String> ack =
        send("POST", "/api/alerts/" + alertId() + "/ack", "{}", "Authorization", "Bearer read-secret");
    assertThat(ack.statusCode()).isEqualTo(403);
    assertThat(ack.body()).isEqualTo("{\"error\":\"this token gives read-only access\"}");
  }

  @Test
  void writeTokenAsBearer_acknowledgesOnce_sayingWhoAndWhen() throws Exception {
    start("write-secret", null);
    String id = alertId();

    HttpResponse<String> ack =
        send("POST", "/api/alerts/" + id + "/ack", "{\"by\":\"alice\"}", "Authorization", "Bearer write-secret");
    HttpResponse<String> again =
        send("POST", "/api/alerts/" + id + "/ack", "{\"by\":\"bob\"}", "Authorization", "Bearer write-secret");

    long at = engine.active().get(0).sinceEpochMillis();
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.body()).isEqualTo("{\"id\":\"" + id + "\",\"result\":\"acknowledged\",\"by\":\"alice\",\"at\":" + at + "}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("\"result\":\"already_acknowledged\"");
    assertThat(engine.active().get(0).acknowledgedBy()).isEqualTo("alice");
  }

  @Test
  void browserWrite_needsTheSameOriginAndTheSessionsCsrfToken() throws Exception {
    start("write-secret", null);
    HttpResponse<String> login = send("GET", "/?token=write-secret", null);
    String cookies = String.join("; ", login.headers().allValues("Set-Cookie").stream()
        .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).toList());
    Matcher csrf = Pattern.compile("\"csrf\":\"([0-9a-f]+)\"")
        .matcher(send("GET", "/api/session", null, "Cookie", cookies).body());
    assertThat(csrf.find()).isTrue();
    String path = "/api/alerts/" + alertId() + "/ack";

    assertThat(send("POST", path, "{}", "Cookie", cookies, "Origin", origin()).statusCode())
        .as("no CSRF token").isEqualTo(403);
    assertThat(send("POST", path, "{}", "Cookie", cookies, "Origin", "http://evil.example",
        AccessGuard.CSRF_HEADER, csrf.group(1)).statusCode()).as("another origin").isEqualTo(403);
    assertThat(send("POST", path, "{}", "Cookie", cookies, "Origin", origin(),
        AccessGuard.CSRF_HEADER, "0".repeat(64)).statusCode()).as("a forged token").isEqualTo(403);
    assertThat(engine.active().get(0).acknowledgedBy()).isNull();

    HttpResponse<String> ack = send("POST", path, "{}", "Cookie", cookies, "Origin", origin(),
        AccessGuard.CSRF_HEADER, csrf.group(1));
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(engine.active().get(0).acknowledgedBy()).isEqualTo("dashboard");
  }

  @Test
  void savedRule_isWrittenToTheFile_listedEditable_andRunsFromTheNextInterval() throws Exception {
    start("write-secret", null);
    String bearer = "Bearer write-secret";

    HttpResponse<String> saved = send("PUT", "/api/rules/checkout.errors",
        "{\"metric\":\"http.server.request.duration\",\"signal\":\"error_ratio\",\"above\":\"5%\",\"for\":\"1\"}",
        "Authorization", bearer);
    HttpResponse<String> builtIn = send("PUT", "/api/rules/slow", "{\"metric\":\"x\",\"signal\":\"p95\",\"above\":\"1s\"}",
        "Authorization", bearer);
    HttpResponse<String> invalid = send("PUT", "/api/rules/bad", "{\"metric\":\"x\",\"signal\":\"p95\",\"abov\":\"1s\"}",
        "Authorization", bearer);
    String listed = send("GET", "/api/rules", null, "Authorization", bearer).body();
    engine.accept(SnapshotBuilder.interval(2).requests("/slow", 200, 20, 450).build());

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(Files.readString(dir.resolve("alerts.json")))
        .contains("\"name\" : \"checkout.errors\"").contains("\"signal\" : \"error_ratio\"");
    assertThat(builtIn.statusCode()).isEqualTo(400);
    assertThat(builtIn.body()).contains("is set by properties");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("alert rule 'bad' is ignored: field 'abov': unknown field");
    assertThat(listed)
        .contains("{\"name\":\"slow\",\"source\":\"property\",\"editable\":false,")
        .contains("{\"name\":\"checkout.errors\",\"source\":\"file\",\"editable\":true,");
    assertThat(engine.rules()).extracting(dev.hourglass.agent.alerts.Rule::name).containsExactly("checkout.errors", "slow");

    assertThat(send("DELETE", "/api/rules/checkout.errors", null, "Authorization", bearer).statusCode()).isEqualTo(200);
    engine.accept(SnapshotBuilder.interval(3).requests("/slow", 200, 20, 450).build());
    assertThat(engine.rules()).extracting(dev.hourglass.agent.alerts.Rule::name).containsExactly("slow");
  }
}
