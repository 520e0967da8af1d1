package dev.hourglass.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.web.state.DashboardState;
import dev.hourglass.agent.web.state.SeriesErrors;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.exporter.prometheus.PrometheusScrapeView;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The budget of the issue: every endpoint answers in well under 100 ms with 1,000 series and a
 * full hour of history (360 intervals). Prints the measured figures for the README.
 */
class ApiLatencyTest {
  private static final int ROUTES = 500; // × 2 status codes = 1,000 series
  private static final int REQUESTS = 30;

  private final DashboardState state = new DashboardState(360, false);
  private final PrometheusScrapeView prometheus = new PrometheusScrapeView();
  private WebServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static SnapshotBuilder thousandSeries() {
    SnapshotBuilder snapshots = SnapshotBuilder.interval(1);
    long[] values = new long[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1000L + i * 2_500L; // 1 ms … 500 ms
    }
    for (int route = 0; route < ROUTES; route++) {
      snapshots.latency(SnapshotBuilder.SERVER, List.of("GET", "/route/" + route, "200", ""), values);
      snapshots.latency(SnapshotBuilder.SERVER, List.of("GET", "/route/" + route, "500", "500"), values);
    }
    return snapshots;
  }

  @Test
  void everyEndpoint_answersWellUnder100ms_with1000SeriesAndAnHourOfHistory() throws Exception {
    // 1,000 series in the first and the last 3 intervals, a light load in between: every route's
    // history spans the hour, and summarizing 360 heavy intervals would only slow the test.
    IntervalSnapshot heavy = thousandSeries().build();
    IntervalSnapshot light =
        SnapshotBuilder.interval(1)
            .latency(SnapshotBuilder.SERVER, List.of("GET", "/route/1", "200", ""), 1000, 2000)
            .build();
    long[] summaryNanos = new long[4];
    for (int sequence = 1; sequence <= 360; sequence++) {
      IntervalSnapshot source = sequence == 1 || sequence > 357 ? heavy : light;
      IntervalSnapshot snapshot =
          new IntervalSnapshot(
              sequence,
              (sequence - 1) * 10_000_000_000L,
              sequence * 10_000_000_000L,
              source.latencies(),
              source.counters(),
              source.gauges());
      long start = System.nanoTime();
      state.accept(snapshot);
      if (source == heavy) {
        summaryNanos[sequence == 1 ? 0 : sequence - 357] = System.nanoTime() - start;
      }
      prometheus.accept(snapshot);
    }
    server =
        WebServer.start(
            new WebServer.Options("127.0.0.1", WebServerTest.freePort(), null),
            state,
            new DashboardViews(new SeriesErrors(state)),
            prometheus,
            WebServerTest.status());
    HttpClient client = HttpClient.newHttpClient();

    StringBuilder report =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "[api-latency] 1,000 series (200 distinct values each, packed), 360 intervals; summary"
                    + " per interval on the clock thread: %s ms%n",
                Arrays.toString(Arrays.stream(summaryNanos).map(n -> n / 1_000_000).toArray())));
    for (String path :
        List.of("/api/metrics", "/api/history", "/api/history?series=GET%20%2Froute%2F1", "/metrics", "/api/errors", "/api/health")) {
      long[] nanos = new long[REQUESTS];
      int bytes = 0;
      for (int i = 0; i < REQUESTS; i++) {
        long start = System.nanoTime();
        // As Prometheus and browsers do; only /metrics compresses.
        HttpResponse<byte[]> response =
            client.send(
                HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                    .header("Accept-Encoding", "gzip")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        nanos[i] = System.nanoTime() - start;
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        bytes = response.body().length;
      }
      // The first requests warm the JIT; the budget applies to the steady state.
      long[] steady = Arrays.copyOfRange(nanos, 5, REQUESTS);
      double medianMillis = median(steady) / 1e6;
      report.append(
          String.format(
              Locale.ROOT,
              "[api-latency] %-40s %8d bytes  median %6.2f ms  max %6.2f ms  (first %6.1f ms)%n",
              path,
              bytes,
              medianMillis,
              Arrays.stream(steady).max().getAsLong() / 1e6,
              nanos[0] / 1e6));
      assertThat(medianMillis).as(path + " median ms").isLessThan(100);
    }
    System.out.print(report);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
