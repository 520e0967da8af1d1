package dev.hourglass.it.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.ChildJvms;
import dev.hourglass.it.InstrumentedApp;
import dev.hourglass.it.OtlpReceiver;
import dev.hourglass.it.SummaryPoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample app (Jetty 12, jakarta.servlet 6) with the agent attached, exporting over
 * http/protobuf: what the collector receives matches the requests sent, exactly for counts and
 * within HdrHistogram precision plus scheduling slack for latencies.
 */
class JakartaServletIT {
  private static final String METRIC = "http.server.request.duration";
  /** Latency a request may take beyond its sleep: dispatch, logging, a GC pause on a busy CI box. */
  private static final double SLACK_SECONDS = 0.030;

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  private OtlpReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void knownMixArrivesWithExactCountsPerRouteAndStatusAndTruthfulQuantiles() throws Exception {
    // One long interval: the final export at shutdown holds the whole mix in one summary.
    InstrumentedApp app =
        InstrumentedApp.sampleApp(jvms.builder(), "http/protobuf", receiver.httpEndpoint(), "10m");

    new RequestMix()
        .add(500, "/slow?ms=5", 200)
        .add(50, "/slow?ms=50", 200)
        .add(5, "/slow?ms=500", 200)
        .add(10, "/fail", 500)
        .add(10, "/boom", 500)
        .add(3, "/owners/1", 200)
        .add(2, "/owners/2", 200)
        .add(4, "/async?ms=100", 200)
        .send(app.url(""), 4);
    assertThat(app.jvm().stop()).as("exit code after SIGTERM").isIn(0, 143);

    receiver.awaitMetric(METRIC, Duration.ofSeconds(30));
    assertThat(count("GET", "/slow", "200")).isEqualTo(555);
    assertThat(count("GET", "/fail", "500")).isEqualTo(10);
    assertThat(count("GET", "/boom", "500")).isEqualTo(10);
    assertThat(count("GET", "/owners/*", "200")).as("routes are templates").isEqualTo(5);
    assertThat(count("GET", "/async", "200")).as("async requests timed to completion").isEqualTo(4);
    assertThat(receiver.dataPoints(METRIC))
        .extracting(point -> point.attributes().get("http.route"))
        .containsOnly("/slow", "/fail", "/boom", "/owners/*", "/async");

    assertThat(errorType("/fail")).isEqualTo("500");
    assertThat(errorType("/boom")).isEqualTo("java.lang.IllegalStateException");

    // Sorted, the 555 /slow durations are 500 × ≥5 ms, 50 × ≥50 ms, 5 × ≥500 ms: p50 is the
    // 278th (5 ms group), p95 the 528th and p99 the 550th (50 ms group), p99.9 and max 500 ms.
    SummaryPoint slow = summary("/slow");
    assertThat(slow.count()).isEqualTo(555);
    assertQuantile(slow, 0.5, 0.005);
    assertQuantile(slow, 0.95, 0.050);
    assertQuantile(slow, 0.99, 0.050);
    assertQuantile(slow, 0.999, 0.500);
    assertQuantile(slow, 1.0, 0.500);
    assertThat(summary("/async").quantiles().get(0.5)).isBetween(0.100, 0.100 + SLACK_SECONDS * 3);
  }

  @Test
  void cumulativeExportsRepeatRunningTotalsEveryInterval() throws Exception {
    InstrumentedApp app =
        InstrumentedApp.sampleApp(jvms.builder(), "http/protobuf", receiver.httpEndpoint(), "500ms");
    new RequestMix().add(7, "/fast", 200).send(app.url(""), 2);
    Thread.sleep(1500); // three more intervals with no traffic
    app.jvm().stop();

    List<Long> counts =
        receiver.dataPoints(METRIC).stream()
            .filter(point -> "/fast".equals(point.attributes().get("http.route")))
            .map(point -> point.histogram().getCount())
            .toList();
    assertThat(counts).hasSizeGreaterThanOrEqualTo(3).last().isEqualTo(7L);
    assertThat(counts).isSorted().allMatch(count -> count <= 7);
  }

  private long count(String method, String route, String status) {
    // The final interval alone holds everything: the export interval outlasts the test.
    return receiver.dataPoints(METRIC).stream()
        .filter(
            point ->
                point.attributes().entrySet()
                    .containsAll(
                        Map.of(
                                "http.request.method", method,
                                "http.route", route,
                                "http.response.status_code", status)
                            .entrySet()))
        .mapToLong(point -> point.histogram().getCount())
        .sum();
  }

  private String errorType(String route) {
    return receiver.dataPoints(METRIC).stream()
        .filter(point -> route.equals(point.attributes().get("http.route")))
        .map(point -> point.attributes().get("error.type"))
        .findFirst()
        .orElseThrow();
  }

  private SummaryPoint summary(String route) {
    List<SummaryPoint> points =
        receiver.summaryPoints(METRIC + ".quantiles").stream()
            .filter(point -> route.equals(point.attributes().get("http.route")))
            .toList();
    assertThat(points).hasSize(1);
    return points.get(0);
  }

  /** At least the sleep (HdrHistogram rounds up within 0.1 %), at most the sleep plus slack. */
  private static void assertQuantile(SummaryPoint point, double quantile, double sleepSeconds) {
    assertThat(point.quantiles().get(quantile))
        .as("p" + quantile * 100)
        .isBetween(sleepSeconds, sleepSeconds * 1.001 + SLACK_SECONDS);
  }
}
