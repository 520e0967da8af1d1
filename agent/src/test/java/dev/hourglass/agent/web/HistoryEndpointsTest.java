package dev.hourglass.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.history.History;
import dev.hourglass.agent.history.HistoryFixture;
import dev.hourglass.agent.history.HistoryHealth;
import dev.hourglass.agent.history.HistoryView;
import dev.hourglass.agent.web.state.DashboardState;
import dev.hourglass.agent.web.state.SeriesErrors;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.exporter.prometheus.PrometheusScrapeView;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history endpoints over real files written by the history writer, through the real server. */
class HistoryEndpointsTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final long HOUR = 3_600_000;
  private static final long NOW = 24 * HOUR + HOUR / 2;
  private static final String OWNERS =
      "http.server.request.duration{http.request.method=GET,http.route=/owners/*}";

  @TempDir Path dir;
  private final DashboardState state = new DashboardState(360, false);
  private final DashboardViews views = new DashboardViews(new SeriesErrors(state));
  private WebServer server;

  @BeforeEach
  void start() throws Exception {
    // One hour: every interval 3 requests of 5 ms to /owners/*, and one 500 of 80 ms every tenth
    // (3.2 % of requests: the p95 is 5 ms, the p99 80 ms).
    List<IntervalSnapshot> snapshots = new ArrayList<>();
    for (long n = 1; n <= 360; n++) {
      SnapshotBuilder snapshot = SnapshotBuilder.interval(n).requests("/owners/*", 200, 3, 5);
      if (n % 10 == 0) {
        snapshot.requests("/owners/*", 500, 1, 80);
      }
      snapshots.add(snapshot.build());
    }
    HistoryHealth health = HistoryFixture.write(dir, snapshots);
    // Read half a day later: the last 24 hours begin 30 minutes into the recorded hour.
    views.offer(HistoryView.class, History.view(dir, health, () -> NOW));
    server =
        WebServer.start(
            new WebServer.Options("127.0.0.1", WebServerTest.freePort(), null),
            state,
            views,
            new PrometheusScrapeView(),
            WebServerTest.status());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aWindow_answersPerMinuteTotals_andListsTheSeries() throws Exception {
    HttpResponse<String> response = get("/api/history?from=0&to=" + HOUR);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith(
            "{\"from\":0,\"to\":3600000,\"resolution\":\"1m\",\"stepSeconds\":60.0,\"series\":[\""
                + OWNERS + "\"],\"points\":[{\"time\":0,\"totals\":{\"http.server.request.duration\":"
                + "{\"count\":18,\"errors\":0,\"p50Ms\":5.003,")
        .contains("{\"time\":3540000,\"totals\":{\"http.server.request.duration\":{\"count\":19,\"errors\":1,");
  }

  @Test
  void oneSeriesInHourSteps_hasTheExactCountsAndPercentilesOfTheHour() throws Exception {
    HttpResponse<String> response =
        get("/api/history?from=0&to=" + HOUR + "&step=1h&series=" + URLEncoder.encode(OWNERS, StandardCharsets.UTF_8));

    assertThat(response.body())
        .isEqualTo(
            "{\"from\":0,\"to\":3600000,\"resolution\":\"1h\",\"stepSeconds\":3600.0,\"series\":\""
                + OWNERS + "\",\"points\":[{\"time\":0,\"count\":1116,\"errors\":36,\"p50Ms\":5.003,"
                + "\"p95Ms\":5.003,\"p99Ms\":80.063,\"p999Ms\":80.063,\"maxMs\":80.063}]}");
  }

  @Test
  void export_isACsvDownloadWithOneRowPerSeriesPerStep() throws Exception {
    HttpResponse<String> response =
        get("/api/export?format=csv&from=0&to=" + HOUR + "&step=1h&metric=http.server.request.duration");

    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"hourglass-history.csv\"");
    assertThat(response.body())
        .isEqualTo(
            HistoryCsv.HEADER
                + "0,3600.0,histogram,\"http.server.request.duration\",\"http.request.method=GET;http.route=/owners/*\","
                + "1116,36,5.003,5.003,80.063,80.063,80.063,,,,\n");
    assertThat(get("/api/export?format=json&from=0&to=" + HOUR + "&step=1h").body())
        .contains("\"rows\":[{\"time\":0,\"kind\":\"histogram\",\"metric\":\"http.server.request.duration\",\"attributes\":"
            + "{\"http.request.method\":\"GET\",\"http.route\":\"/owners/*\"},\"count\":1116,\"errors\":36,");
  }

  @Test
  void exportWithoutFrom_isTheLast24Hours_andStepAllIsOneRowForTheWindow() throws Exception {
    HttpResponse<String> response = get("/api/export?format=csv&step=all");

    assertThat(response.statusCode()).isEqualTo(200);
    // Intervals 181 … 360 start in the window: 540 requests of 5 ms, 18 of 80 ms failing.
    assertThat(response.body())
        .isEqualTo(
            HistoryCsv.HEADER
                + "1800000,86400.0,histogram,\"http.server.request.duration\",\"http.request.method=GET;http.route=/owners/*\","
                + "558,18,5.003,5.003,80.063,80.063,80.063,,,,\n");
  }

  @Test
  void export_metricFilter_leavesOtherMetricsOut() throws Exception {
    assertThat(get("/api/export?format=csv&from=0&to=" + HOUR + "&metric=db.client.operation.duration").body())
        .isEqualTo(HistoryCsv.HEADER);
  }

  @Test
  void withoutAWindow_historyIsStillTheRingInMemory() throws Exception {
    assertThat(get("/api/history").body()).startsWith("{\"intervalSeconds\":10.0,\"capacity\":360,");
  }

  @Test
  void badParameters_answer400NamingWhatIsWrong() throws Exception {
    HttpResponse<String> from = get("/api/history?from=yesterday");
    assertThat(from.statusCode()).isEqualTo(400);
    assertThat(from.body()).isEqualTo("{\"error\":\"from and to must be epoch milliseconds\"}");
    assertThat(get("/api/history?from=10&to=5").body()).isEqualTo("{\"error\":\"to must be after from\"}");
    assertThat(get("/api/history?from=0&step=soon").statusCode()).isEqualTo(400);
    assertThat(get("/api/history").statusCode()).as("no window: the ring").isEqualTo(200);
    assertThat(get("/api/export?format=xml&from=0").statusCode()).isEqualTo(400);
  }

  @Test
  void health_reportsWhatTheHistoryHolds() throws Exception {
    assertThat(get("/api/health").body()).contains("\"history\":{\"storedBytes\":");
  }
}
