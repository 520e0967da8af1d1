package dev.hourglass.agent.web.state;

import static dev.hourglass.snapshot.SnapshotBuilder.DB;
import static dev.hourglass.snapshot.SnapshotBuilder.OVERFLOW;
import static dev.hourglass.snapshot.SnapshotBuilder.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryBuilderTest {
  /**
   * GET /owners/* answered 200 twice (1 ms, 2 ms) and 404 once (1.5 ms); GET /boom failed once (2
   * ms, IllegalStateException) and 3 times before; one database call of 1 ms.
   */
  static IntervalSnapshot snapshot(long sequence) {
    return SnapshotBuilder.interval(sequence)
        .latency(SERVER, List.of("GET", "/owners/*", "200", ""), 1000, 2000)
        .latency(SERVER, List.of("GET", "/owners/*", "404", ""), 1500)
        .latencyAfter(
            SERVER,
            List.of("GET", "/boom", "500", "java.lang.IllegalStateException"),
            3,
            0.006,
            2000)
        .latency(DB, List.of("h2", "SELECT", "SELECT 1", ""), 1000)
        .counter(OVERFLOW, List.of("http.server.request.duration"), 0, 4)
        .build();
  }

  private final SummaryBuilder builder = new SummaryBuilder();

  @Test
  void routes_mergeStatusCodesOfOneMethodAndRoute() {
    IntervalSummary summary = builder.build(snapshot(1), RuntimeSample.NONE);

    assertThat(summary.routes()).extracting(RouteRow::id).containsExactly("GET /boom", "GET /owners/*");
    RouteRow owners = summary.routes().get(1);
    assertThat(owners.interval())
        .isEqualTo(new LatencyStats(3, 0, 0.3, 1.5, 2.0, 2.0, 2.0, 2.0));
    assertThat(owners.total().count()).isEqualTo(3);
    assertThat(owners.total().errors()).isEqualTo(0);
    assertThat(owners.total().meanMillis()).isEqualTo(1.5);
    assertThat(owners.total().sumSeconds()).isCloseTo(0.0045, within(1e-15));
    RouteRow boom = summary.routes().get(0);
    assertThat(boom.interval()).isEqualTo(new LatencyStats(1, 1, 0.1, 2.0, 2.0, 2.0, 2.0, 2.0));
    assertThat(boom.total().count()).isEqualTo(4);
    assertThat(boom.total().errorPercent()).isEqualTo(100.0);
    assertThat(boom.total().meanMillis()).isEqualTo(2.0);
  }

  @Test
  void totals_mergeEverySeriesOfAMetric() {
    IntervalSummary summary = builder.build(snapshot(1), RuntimeSample.NONE);

    LatencyStats server = summary.total("http.server.request.duration");
    assertThat(server.count()).isEqualTo(4);
    assertThat(server.errors()).isEqualTo(1);
    assertThat(server.errorPercent()).isEqualTo(25.0);
    assertThat(server.p50Millis()).isEqualTo(1.5);
    assertThat(server.maxMillis()).isEqualTo(2.0);
    assertThat(summary.total("db.client.operation.duration").count()).isEqualTo(1);
    assertThat(summary.counterTotals()).containsEntry("hourglass.agent.series.overflow", 4L);
  }

  @Test
  void series_keepTheirAttributesWithoutEmptyValues() {
    IntervalSummary summary = builder.build(snapshot(1), RuntimeSample.NONE);

    assertThat(summary.series()).hasSize(4);
    SeriesRow first = summary.series().get(0);
    assertThat(first.metric()).isEqualTo("http.server.request.duration");
    assertThat(first.attributes())
        .containsExactly(
            Map.entry("http.request.method", "GET"),
            Map.entry("http.route", "/owners/*"),
            Map.entry("http.response.status_code", "200"));
    assertThat(first.interval().count()).isEqualTo(2);
  }

  @Test
  void errors_rememberWhenTheyWereLastSeen() {
    builder.build(snapshot(1), RuntimeSample.NONE);
    IntervalSnapshot idle =
        SnapshotBuilder.interval(2)
            .latencyAfter(
                SERVER, List.of("GET", "/boom", "500", "java.lang.IllegalStateException"), 4, 0.008)
            .build();

    IntervalSummary summary = builder.build(idle, RuntimeSample.NONE);

    assertThat(summary.errors())
        .containsExactly(
            new ErrorRow(
                "http.server.request.duration",
                "java.lang.IllegalStateException",
                Map.of(
                    "http.request.method", "GET",
                    "http.route", "/boom",
                    "http.response.status_code", "500",
                    "error.type", "java.lang.IllegalStateException"),
                0,
                4,
                10_000));
  }
}
