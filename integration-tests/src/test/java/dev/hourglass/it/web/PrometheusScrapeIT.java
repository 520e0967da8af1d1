package dev.hourglass.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Prometheus scrapes the agent's {@code /metrics}: PromQL returns exactly the requests sent,
 * the exact p95 the agent computed for an interval, and every metric the Grafana dashboard and the
 * alert rules query is one the agent exports.
 */
class PrometheusScrapeIT {
  /** Families whose instrumentation lands with its own feature; until then they are not exported. */
  private static final Set<String> PENDING_FAMILIES =
      Set.of("db_client_operation_duration", "http_client_request_duration");

  /**
   * The agent's self-metric counters that a healthy run never increments: the registry exports a
   * counter once it has counted, so a clean scrape cannot show them.
   */
  private static final Set<String> COUNTED_WHEN_NONZERO =
      Set.of(
          "hourglass_agent_advice_errors_total",
          "hourglass_agent_export_failures_total",
          "hourglass_agent_export_dropped_total",
          "hourglass_agent_series_overflow_total");

  @RegisterExtension final ChildJvms jvms = new ChildJvms();

  @Test
  void promqlCountsEqualTheRequestsSent_andTheP95IsTheAgentsOwn() throws Exception {
    DashboardApp app = DashboardApp.start(jvms.builder(), "1s");
    String base = app.app.url("");

    try (PrometheusServer prometheus =
        PrometheusServer.scraping(app.dashboard.substring("http://".length()))) {
      // Requests go out while Prometheus scrapes, so it sees the intervals that hold them.
      assertThat(eventually(() -> prometheus.value("up{job=\"hourglass\"}"), 1.0)).isEqualTo(1.0);
      for (int i = 0; i < 37; i++) {
        assertThat(Http.get(base + "/fast").status()).isEqualTo(200);
      }
      for (int i = 0; i < 40; i++) {
        assertThat(Http.get(base + "/slow?ms=50").status()).isEqualTo(200);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(base + "/fail").status()).isEqualTo(500);
      }
      String fast =
          "http_server_request_duration_seconds_count{http_route=\"/fast\",http_response_status_code=\"200\"}";
      assertThat(eventually(() -> prometheus.value(fast), 37.0)).isEqualTo(37.0);
      String slow = "sum(http_server_request_duration_seconds_count{http_route=\"/slow\"})";
      assertThat(eventually(() -> prometheus.value(slow), 40.0)).isEqualTo(40.0);
      String fail =
          "sum(http_server_request_duration_seconds_count{http_route=\"/fail\",error_type=\"500\"})";
      assertThat(eventually(() -> prometheus.value(fail), 3.0)).isEqualTo(3.0);
      Map<String, Object> slowTotal =
          DashboardApp.map(DashboardApp.route(app.api("/api/metrics"), "GET /slow"), "total");
      assertThat(slowTotal.get("count")).isEqualTo(40L);

      // The exact p95 of an interval is the agent's: the value Prometheus scraped is one of the
      // per-interval p95s the agent's history holds for /slow.
      Double scrapedP95 =
          eventually(
              () ->
                  prometheus.value(
                      "max(last_over_time(http_server_request_duration_quantiles_seconds"
                          + "{http_route=\"/slow\",quantile=\"0.95\"}[5m]))"),
              null);
      // Each request sleeps 50 ms; the upper bound is scheduling slack on a shared machine.
      assertThat(scrapedP95).isNotNull().isBetween(0.050, 0.5);
      List<Double> agentP95s =
          DashboardApp.list(app.api("/api/history?series=GET%20%2Fslow"), "points").stream()
              .filter(point -> ((Number) point.get("count")).longValue() > 0)
              .map(point -> ((Number) point.get("p95Ms")).doubleValue())
              .toList();
      assertThat(agentP95s).contains(Math.round(scrapedP95 * 1e6) / 1000.0);
      // The buckets (what aggregates across instances) are the agent's, bucket for bucket.
      String agentText = Http.get(app.dashboard + "/metrics").body();
      for (String le : List.of("0.05", "0.075", "0.1", "0.25", "+Inf")) {
        String selector = "{http_route=\"/slow\",le=\"" + le + "\"}";
        assertThat(prometheus.value("sum(http_server_request_duration_seconds_bucket" + selector + ")"))
            .as("bucket le=%s", le)
            .isEqualTo((double) agentBucket(agentText, "/slow", le));
      }
      // Every request slept 50 ms, so no quantile can lie below the 50 ms boundary.
      Double bucketP95 =
          prometheus.value(
              "histogram_quantile(0.95, sum by (le) (http_server_request_duration_seconds_bucket{http_route=\"/slow\"}))");
      assertThat(bucketP95).isGreaterThanOrEqualTo(0.050);

      assertDeployAssetsQueryOnlyExportedMetrics(prometheus);
    }
  }

  /** Every metric in the Grafana dashboard and the alert rules is exported (or pending, see above). */
  private void assertDeployAssetsQueryOnlyExportedMetrics(PrometheusServer prometheus)
      throws Exception {
    Set<String> exported = new TreeSet<>(prometheus.metricNames("{job=\"hourglass\"}"));
    assertThat(exported)
        .contains(
            "http_server_request_duration_seconds_bucket",
            "http_server_request_duration_seconds_count",
            "http_server_request_duration_seconds_sum",
            "http_server_request_duration_quantiles_seconds");
    exported.addAll(COUNTED_WHEN_NONZERO);
    Set<String> queried = new TreeSet<>();
    for (String expression : DeployAssets.grafanaExpressions()) {
      queried.addAll(metricNames(expression));
    }
    queried.addAll(metricNames(DeployAssets.alertRulesText()));
    assertThat(queried).hasSizeGreaterThan(8);
    for (String name : queried) {
      boolean pending = PENDING_FAMILIES.stream().anyMatch(name::startsWith);
      if (!pending) {
        assertThat(exported).as("metric %s queried by deploy/ is exported", name).contains(name);
      }
    }
  }

  /** The count of the agent's cumulative bucket {@code le} for the route, from its own /metrics. */
  private static long agentBucket(String metricsText, String route, String le) {
    long sum = 0;
    for (String line : metricsText.split("\n")) {
      if (line.startsWith("http_server_request_duration_seconds_bucket{")
          && line.contains("http_route=\"" + route + "\"")
          && line.contains("le=\"" + le + "\"")) {
        sum += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** Metric names; recording rules (hourglass:…:rate5m) are names of our own, not the agent's. */
  private static final Pattern METRIC =
      Pattern.compile(
          "(?<![:\\w])((?:http_server|http_client|db_client|hourglass_agent)_[a-z_]+)\\b(?!:)");

  static Set<String> metricNames(String promql) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = METRIC.matcher(promql);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** Polls until the value equals {@code expected} (or, with null expected, is not null). */
  private static Double eventually(Supplier<Double> value, Double expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Double last = null;
    while (System.nanoTime() < deadline) {
      last = value.get();
      if (expected == null ? last != null : expected.equals(last)) {
        return last;
      }
      Thread.sleep(500);
    }
    return last;
  }
}
