package dev.hourglass.agent.web;

import static dev.hourglass.snapshot.SnapshotBuilder.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.jdbc.findings.QueriesView;
import dev.hourglass.agent.web.state.DashboardState;
import dev.hourglass.agent.web.state.SeriesErrors;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.exporter.prometheus.PrometheusScrapeView;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebServerTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final DashboardState state = new DashboardState(360, false);
  private final DashboardViews views = new DashboardViews(new SeriesErrors(state));
  private final PrometheusScrapeView prometheus = new PrometheusScrapeView();
  private WebServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static AgentStatus status() {
    return new AgentStatus(
        "1.2.3", System.currentTimeMillis(), Duration.ofSeconds(10), List.of("servlet"), List.of(), List::of);
  }

  private WebServer start(String token) throws IOException {
    server =
        WebServer.start(
            new WebServer.Options("127.0.0.1", freePort(), token), state, views, prometheus, status());
    assertThat(server).isNotNull();
    return server;
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void publish(long sequence) {
    IntervalSnapshot snapshot = snapshot(sequence);
    state.accept(snapshot);
    prometheus.accept(snapshot);
  }

  /** The route from the summary test plus a route name that is an HTML injection attempt. */
  private static IntervalSnapshot snapshot(long sequence) {
    return SnapshotBuilder.interval(sequence)
        .latency(SERVER, List.of("GET", "/owners/*", "200", ""), 1000, 2000)
        .latency(SERVER, List.of("GET", "/x/<script>alert(1)</script>", "200", ""), 1500)
        .build();
  }

  @Test
  void apiMetrics_servesThePreparedSummary() throws Exception {
    start(null);
    publish(1);

    HttpResponse<String> response = get("/api/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(response.body())
        .startsWith("{\"sequence\":1,\"start\":0,\"end\":10000,\"intervalSeconds\":10.0,\"totals\":")
        .contains(
            "{\"id\":\"GET /owners/*\",\"method\":\"GET\",\"route\":\"/owners/*\",\"interval\":"
                + "{\"count\":2,\"errors\":0,\"errorPercent\":0.0,\"ratePerSec\":0.2,\"p50Ms\":1.0,"
                + "\"p95Ms\":2.0,\"p99Ms\":2.0,\"p999Ms\":2.0,\"maxMs\":2.0},"
                + "\"total\":{\"count\":2,\"errors\":0,\"errorPercent\":0.0,\"meanMs\":1.5}}")
        .contains("\"route\":\"/x/<script>alert(1)</script>\"");
  }

  @Test
  void apiMetrics_beforeTheFirstInterval_isEmpty() throws Exception {
    start(null);

    assertThat(get("/api/metrics").body())
        .isEqualTo(
            "{\"sequence\":0,\"intervalSeconds\":10.0,\"totals\":{},\"routes\":[],\"series\":[]}");
  }

  @Test
  void sections_areEmptyUntilAFeatureInstallsItsView() throws Exception {
    start(null);
    assertThat(get("/api/queries").body()).isEqualTo("{\"slowQueries\":[],\"nPlusOne\":[]}");
    assertThat(get("/api/clients").body()).isEqualTo("{\"hosts\":[]}");
    assertThat(get("/api/alerts").body())
        .isEqualTo(
            "{\"enabled\":false,\"status\":\"UP\",\"rules\":0,\"alerts\":[],\"responseTimes\":[],"
                + "\"recent\":[],\"problems\":[]}");
    assertThat(get("/api/errors").body()).isEqualTo("{\"errors\":[]}");
    assertThat(get("/api/traces").body()).isEqualTo("{\"traces\":[]}");
    assertThat(get("/api/traces/1").statusCode()).isEqualTo(404);
    assertThat(get("/api/traces?since=yesterday").statusCode()).isEqualTo(400);
    assertThat(get("/api/errors/groups").body())
        .isEqualTo("{\"enabled\":false,\"messages\":false,\"overflow\":0,\"groups\":[]}");

    views.offer(
        QueriesView.class,
        new QueriesView() {
          @Override
          public List<SlowQuery> slowQueries() {
            return List.of(
                new SlowQuery("h2", "SELECT", "select * from owners where id = ?", 5, 1, 2.5, 120.0, 130.0, "/owners/*", 42));
          }

          @Override
          public List<NPlusOneFinding> nPlusOneFindings() {
            return List.of();
          }
        });

    assertThat(get("/api/queries").body())
        .isEqualTo(
            "{\"slowQueries\":[{\"system\":\"h2\",\"operation\":\"SELECT\",\"statement\":\"select * from"
                + " owners where id = ?\",\"count\":5,\"slowCount\":1,\"p50Ms\":2.5,\"p95Ms\":120.0,"
                + "\"maxMs\":130.0,\"lastRoute\":\"/owners/*\",\"lastSeen\":42}],\"nPlusOne\":[]}");
  }

  @Test
  void history_servesTotalsAndOneRoute_404ForUnknownSeries() throws Exception {
    start(null);
    publish(1);
    publish(2);

    assertThat(get("/api/history").body())
        .contains("\"capacity\":360,\"series\":[\"GET /owners/*\",\"GET /x/<script>alert(1)</script>\"]")
        .contains("\"sequence\":1,\"time\":10000")
        .contains("\"sequence\":2,\"time\":20000");
    assertThat(get("/api/history?series=GET%20%2Fowners%2F*").body())
        .isEqualTo(
            "{\"series\":\"GET /owners/*\",\"intervalSeconds\":10.0,\"points\":["
                + "{\"time\":10000,\"count\":2,\"errors\":0,\"p50Ms\":1.0,\"p95Ms\":2.0,\"p99Ms\":2.0,\"maxMs\":2.0},"
                + "{\"time\":20000,\"count\":2,\"errors\":0,\"p50Ms\":1.0,\"p95Ms\":2.0,\"p99Ms\":2.0,\"maxMs\":2.0}]}");
    HttpResponse<String> unknown = get("/api/history?series=%3Cb%3E");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"no history for series \\u003cb\\u003e\"}");
  }

  @Test
  void prometheus_negotiatesTheFormat() throws Exception {
    start(null);
    publish(1);

    HttpResponse<String> text = get("/metrics");
    HttpResponse<String> openMetrics = get("/metrics", "Accept", "application/openmetrics-text;version=1.0.0");

    assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text.body())
        .contains(
            "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_route=\"/owners/*\",http_response_status_code=\"200\"} 2\n");
    assertThat(openMetrics.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(openMetrics.body()).endsWith("# EOF\n");
  }

  @Test
  void health_reportsTheAgent() throws Exception {
    start(null);
    publish(1);

    assertThat(get("/api/health").body())
        .contains("\"version\":\"1.2.3\"")
        .contains("\"instrumentations\":[\"servlet\"]")
        .contains("\"lastInterval\":1");
  }

  @Test
  void page_andAssets_areServed_otherPathsAndMethodsAreNot() throws Exception {
    start(null);

    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(page.body()).contains("<title>Hourglass</title>");
    assertThat(get("/assets/app.js").body()).contains("textContent");
    assertThat(get("/assets/history.js").body()).contains("/api/export?format=json&step=all");
    assertThat(get("/assets/traces.js").body()).contains("textContent");
    assertThat(get("/assets/uPlot.iife.min.js").statusCode()).isEqualTo(200);
    assertThat(get("/assets/../../etc/passwd").statusCode()).isEqualTo(404);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(server.url() + "api/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void withToken_requestsWithoutItGet401_bearerAndLoginCookieWork() throws Exception {
    start("s3cret");

    HttpResponse<String> anonymous = get("/api/metrics");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"hourglass\"");
    assertThat(get("/metrics", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(get("/metrics", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);

    HttpResponse<String> login = get("/?token=s3cret");
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/");
    assertThat(login.headers().firstValue("Set-Cookie"))
        .hasValue("hourglass_token=s3cret; Path=/; HttpOnly; SameSite=Strict");
    assertThat(get("/", "Cookie", "hourglass_token=s3cret").statusCode()).isEqualTo(200);
    assertThat(get("/?token=nope").statusCode()).isEqualTo(401);
  }

  @Test
  void withoutToken_aForeignHostHeaderIsRefused() throws Exception {
    start(null);

    assertThat(rawStatus("evil.example:80")).isEqualTo(403);
    assertThat(rawStatus("localhost:" + server.port())).isEqualTo(200);
    assertThat(rawStatus("127.0.0.1:" + server.port())).isEqualTo(200);
  }

  /** The JDK's client will not send a chosen Host header, so this speaks HTTP/1.1 itself. */
  private int rawStatus(String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  @Test
  void nonLoopbackWithoutToken_isRefusedWithTheReason() {
    assertThat(WebServer.refusal(new WebServer.Options("0.0.0.0", 9464, null)))
        .isEqualTo(
            "dashboard server not started: hourglass.http.host=0.0.0.0 is not a loopback address and"
                + " hourglass.http.token is not set; set a token to expose the dashboard and /metrics"
                + " beyond this machine, or bind to 127.0.0.1");
    assertThat(WebServer.start(new WebServer.Options("0.0.0.0", 9464, " "), state, views, prometheus, status()))
        .isNull();
    assertThat(WebServer.refusal(new WebServer.Options("0.0.0.0", 9464, "token"))).isNull();
    assertThat(WebServer.refusal(new WebServer.Options("localhost", 9464, null))).isNull();
    assertThat(WebServer.refusal(new WebServer.Options("127.0.0.1", 0, null)))
        .isEqualTo("dashboard server off (hourglass.http.port=0)");
  }

  @Test
  void serverThreads_areDaemons_evenWhenStartedFromAnApplicationThread() throws Exception {
    start(null);
    get("/api/health");

    List<Thread> threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("HTTP-Dispatcher") || t.getName().startsWith("hourglass-web-"))
            .toList();
    assertThat(threads).isNotEmpty().allMatch(Thread::isDaemon);
    assertThat(threads).extracting(Thread::getName).contains("HTTP-Dispatcher", "hourglass-web-1");
  }
}
