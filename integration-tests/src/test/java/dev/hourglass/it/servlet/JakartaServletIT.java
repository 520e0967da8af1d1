package dev.hourglass.it.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.SummaryPoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample app (Jetty 12, jakarta.servlet 6) with the agent attached, exporting over
 * http/protobuf: what the collector receives matches the requests sent, exactly for counts and
 * within HdrHistogram precision plus scheduling slack for latencies.
 */
class JakartaServletIT {
  private static final String METRIC = "http.server.request.duration";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void knownMixArrivesWithExactCountsPerRouteAndStatusAndTruthfulQuantiles() throws Exception {
    // One long interval: the final export at shutdown holds the whole mix in one summary.
    InstrumentedApp app =
        InstrumentedApp.sampleApp(jvms.builder(), "http/protobuf", otlp.receiver().httpEndpoint(), "10m");

    RequestMix mix =
        new RequestMix()
        .add(500, "/slow?ms=5", 200, "/slow", 0.005)
        .add(50, "/slow?ms=50", 200, "/slow", 0.050)
        .add(5, "/slow?ms=500", 200, "/slow", 0.500)
        .add(10, "/fail", 500)
        .add(10, "/boom", 500)
        .add(3, "/owners/1", 200)
        .add(2, "/owners/2", 200)
        .add(4, "/async?ms=100", 200, "/async", 0.100)
        .send(app.url(""), 4);
    assertThat(app.stopAndFlush()).as("exit code after SIGTERM").isIn(0, 143);

    otlp.receiver().awaitMetric(METRIC, Duration.ofSeconds(30));
    assertThat(count("GET", "/slow", "200")).isEqualTo(555);
    assertThat(count("GET", "/fail", "500")).isEqualTo(10);
    assertThat(count("GET", "/boom", "500")).isEqualTo(10);
    assertThat(count("GET", "/owners/*", "200")).as("routes are templates").isEqualTo(5);
    assertThat(count("GET", "/async", "200")).as("async requests timed to completion").isEqualTo(4);
    assertThat(otlp.receiver().dataPoints(METRIC))
        .extracting(point -> point.attributes().get("http.route"))
        .containsOnly("/slow", "/fail", "/boom", "/owners/*", "/async");

    assertThat(otlp.receiver().lastResourceAttributes())
        .containsEntry("service.name", "SampleApp")
        .containsEntry("telemetry.distro.name", "hourglass")
        .containsKeys("host.name", "process.pid", "process.runtime.version", "telemetry.sdk.version");
    assertThat(errorType("/fail")).isEqualTo("500");
    assertThat(errorType("/boom")).isEqualTo("java.lang.IllegalStateException");

    SummaryPoint slow = summary("/slow");
    assertThat(slow.count()).isEqualTo(555);
    for (double quantile : new double[] {0.5, 0.95, 0.99, 0.999, 1.0}) {
      assertQuantile(slow, quantile, mix.quantileBounds("/slow", quantile));
    }
    // On an idle machine the bounds are tight: p50 ≈ 5 ms, p95 and p99 ≈ 50 ms, max ≈ 500 ms.
    assertThat(slow.quantiles().get(0.5)).isLessThan(0.050);
    assertThat(slow.quantiles().get(1.0)).isGreaterThanOrEqualTo(0.500);
    assertQuantile(summary("/async"), 0.5, mix.quantileBounds("/async", 0.5));
  }

  @Test
  void cumulativeExportsRepeatRunningTotalsEveryInterval() throws Exception {
    InstrumentedApp app =
        InstrumentedApp.sampleApp(jvms.builder(), "http/protobuf", otlp.receiver().httpEndpoint(), "500ms");
    new RequestMix().add(7, "/fast", 200).send(app.url(""), 2);
    Thread.sleep(1500); // three more intervals with no traffic
    app.stopAndFlush();

    List<Long> counts =
        otlp.receiver().dataPoints(METRIC).stream()
            .filter(point -> "/fast".equals(point.attributes().get("http.route")))
            .map(point -> point.histogram().getCount())
            .toList();
    assertThat(counts).hasSizeGreaterThanOrEqualTo(3).last().isEqualTo(7L);
    assertThat(counts).isSorted().allMatch(count -> count <= 7);
  }

  private long count(String method, String route, String status) {
    // The final interval alone holds everything: the export interval outlasts the test.
    return otlp.receiver()
        .histogramCount(
            METRIC,
            Map.of(
                "http.request.method", method,
                "http.route", route,
                "http.response.status_code", status));
  }

  private String errorType(String route) {
    return otlp.receiver().dataPoints(METRIC).stream()
        .filter(point -> route.equals(point.attributes().get("http.route")))
        .map(point -> point.attributes().get("error.type"))
        .findFirst()
        .orElseThrow();
  }

  private SummaryPoint summary(String route) {
    List<SummaryPoint> points =
        otlp.receiver().summaryPoints(METRIC + ".quantiles").stream()
            .filter(point -> route.equals(point.attributes().get("http.route")))
            .toList();
    assertThat(points).hasSize(1);
    return points.get(0);
  }

  /**
   * Within the ground-truth bounds; HdrHistogram reports the highest value of a bucket, so up to
   * 0.1 % (3 significant digits) above the upper bound.
   */
  private static void assertQuantile(SummaryPoint point, double quantile, double[] bounds) {
    assertThat(point.quantiles().get(quantile))
        .as("p%s of %s", quantile * 100, point.attributes())
        .isBetween(bounds[0], bounds[1] * 1.001 + 1e-6);
  }
}
