package dev.hourglass.it.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.servlet.RequestMix;
import dev.hourglass.it.web.DashboardApp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * History that outlives its JVM: the sample app ({@link DashboardApp}) records a known workload
 * over several one-second intervals and stops; a new JVM on the same {@code hourglass.history.dir}
 * answers the earlier intervals in {@code /api/history} and {@code /api/export}, counts equal to
 * the requests sent and percentiles of the whole window within the ground truth (every request took
 * at least what it slept and at most what its client saw) and exactly those of every stored value,
 * read back with HdrHistogram's own log reader. Two JVMs of one service running at once never
 * write the same files: the second takes {@code instance-2}.
 */
class HistoryRestartIT {
  private static final String SLOW = "/slow";
  private static final int SLOW_REQUESTS = 40;
  private static final int FAST_REQUESTS = 30;
  private static final double[] QUANTILES = {0.5, 0.95, 0.99};

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @TempDir Path dir;

  /** The sample app with one-second intervals, no exporter and its history in {@link #dir}. */
  private DashboardApp start() {
    return DashboardApp.start(jvms.builder().systemProperty("hourglass.history.dir", dir.toString()), "1s");
  }

  @Test
  void aNewJvmOnTheSameFolder_answersTheEarlierIntervals_withExactCountsAndPercentiles() throws Exception {
    long from = System.currentTimeMillis() / 60_000 * 60_000; // the minute the workload starts in
    DashboardApp first = start();
    RequestMix mix = new RequestMix().add(FAST_REQUESTS, "/fast", 200, "/fast", 0);
    for (int k = 1; k <= SLOW_REQUESTS; k++) { // 25 ms … 1 s, about 5 s on 4 clients
      mix.add(1, SLOW + "?ms=" + 25 * k, 200, SLOW, 0.025 * k);
    }
    mix.send(first.app.url(""), 4);
    long intervals = DashboardApp.list(first.api("/api/history?series=GET%20%2Fslow"), "points").stream()
        .filter(point -> ((Number) point.get("count")).longValue() > 0)
        .count();
    assertThat(intervals).as("intervals of the first JVM with /slow requests").isGreaterThanOrEqualTo(3);
    assertThat(first.app.stopAndFlush()).isIn(0, 143);

    Histogram stored = StoredHistory.minutesOf(dir, SLOW);
    assertThat(stored.getTotalCount()).as("/slow values in the minute files").isEqualTo(SLOW_REQUESTS);

    DashboardApp second = start();
    String id = URLEncoder.encode(StoredHistory.routeId(SLOW), StandardCharsets.UTF_8);
    Map<String, Object> window =
        second.api("/api/history?from=" + from + "&step=all&series=" + id);
    assertThat(window.get("resolution")).isEqualTo("1m");
    List<Map<String, Object>> points = DashboardApp.list(window, "points");
    assertThat(points).hasSize(1);
    Map<String, Object> all = points.get(0);
    assertThat(all.get("count")).isEqualTo((long) SLOW_REQUESTS);
    assertThat(all.get("errors")).isEqualTo(0L);
    String[] fields = {"p50Ms", "p95Ms", "p99Ms"};
    for (int i = 0; i < QUANTILES.length; i++) {
      double ms = ((Number) all.get(fields[i])).doubleValue();
      double[] bounds = mix.quantileBounds(SLOW, QUANTILES[i]);
      assertThat(ms / 1000)
          .as("%s within what the requests slept and what their clients saw", fields[i])
          .isBetween(bounds[0], bounds[1] * 1.001 + 1e-6);
      assertThat(Math.round(ms * 1000))
          .as("%s as HdrHistogram reads the stored values", fields[i])
          .isEqualTo(stored.getValueAtPercentile(QUANTILES[i] * 100));
    }
    assertThat(Math.round(((Number) all.get("maxMs")).doubleValue() * 1000)).isEqualTo(stored.getMaxValue());

    assertExportHasEveryRequest(second);
    assertThat(second.app.stopAndFlush()).isIn(0, 143); // before the folder is deleted
  }

  @Test
  void twoJvmsOnOneFolderAtOnce_eachWritesOnlyItsOwnFiles() throws Exception {
    DashboardApp first = start();
    DashboardApp second = start();
    new RequestMix().add(10, "/fast", 200).send(first.app.url(""), 2);
    new RequestMix().add(20, "/fast", 200).send(second.app.url(""), 2);
    assertThat(second.api("/api/health").get("problems")).as("the second JVM's history works").isEqualTo(List.of());
    assertThat(first.app.stopAndFlush()).isIn(0, 143);
    assertThat(second.app.stopAndFlush()).isIn(0, 143);

    Path secondFolder = dir.resolve("instance-2");
    assertThat(StoredHistory.minutesOf(dir, "/fast").getTotalCount()).as("the first JVM's files").isEqualTo(10);
    assertThat(StoredHistory.minutesOf(secondFolder, "/fast").getTotalCount()).as("the second's").isEqualTo(20);
    assertThat(StoredHistory.files(dir.resolve("1m"), ".hlog")).isNotEmpty();
    assertThat(StoredHistory.files(secondFolder.resolve("1m"), ".hlog")).isNotEmpty();
    assertThat(StoredHistory.files(dir.resolve("instance-3"), "")).as("no third folder").isEmpty();
  }

  /** The export without a window is the last 24 hours: every request, a row per route per minute. */
  private static void assertExportHasEveryRequest(DashboardApp app) {
    List<Map<String, Object>> rows =
        DashboardApp.list(app.api("/api/export?format=json&metric=" + StoredHistory.SERVER), "rows");
    assertThat(countOf(rows, SLOW)).isEqualTo(SLOW_REQUESTS);
    assertThat(countOf(rows, "/fast")).isEqualTo(FAST_REQUESTS);
    assertThat(rows).allSatisfy(row -> assertThat(row.get("kind")).isEqualTo("histogram"));

    String csv = app.text("/api/export?format=csv&step=all");
    long fast = csv.lines()
        .filter(line -> line.contains("\"http.request.method=GET;http.route=/fast\""))
        .mapToLong(line -> Long.parseLong(line.split(",")[5]))
        .sum();
    assertThat(fast).isEqualTo(FAST_REQUESTS);
    // The JVM's gauges are kept beside the histograms.
    assertThat(csv.lines().filter(line -> line.contains(",gauge,\"jvm.memory.used\"")).count()).isPositive();
  }

  @SuppressWarnings("unchecked")
  private static long countOf(List<Map<String, Object>> rows, String route) {
    return rows.stream()
        .filter(row -> route.equals(((Map<String, Object>) row.get("attributes")).get("http.route")))
        .mapToLong(row -> ((Number) row.get("count")).longValue())
        .sum();
  }
}
