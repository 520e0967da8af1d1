package dev.hourglass.exporter.prometheus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.BucketBoundaries;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PrometheusTextWriterTest {
  private static final InstrumentDescriptor SERVER = SnapshotBuilder.SERVER;
  private static final InstrumentDescriptor ADVICE_ERRORS =
      new InstrumentDescriptor(
          "hourglass.agent.advice.errors", "Swallowed advice errors", "{error}", Kind.COUNTER, List.of());
  private static final InstrumentDescriptor EXPORT_DURATION =
      new InstrumentDescriptor(
          "hourglass.agent.export.duration", "Last export", "s", Kind.GAUGE, List.of(AttributeKeys.EXPORTER));

  /**
   * Route {@code /a"b\c<newline>}: three requests of exactly 1 ms this interval (values below 2048
   * µs are exact at 3 significant digits). Route {@code /slow}: idle this interval, four 100 ms
   * requests before.
   */
  static IntervalSnapshot snapshot() {
    Histogram active = new Histogram(3_600_000_000L, 3);
    active.recordValueWithCount(1000, 3);
    long[] activeBuckets = new long[BucketBoundaries.SECONDS.length + 1];
    BucketBoundaries.addCounts(active, activeBuckets);
    long[] idleBuckets = new long[BucketBoundaries.SECONDS.length + 1];
    idleBuckets[5] = 4; // (0.075, 0.1]
    return new IntervalSnapshot(
        7,
        1_000_000_000L,
        11_000_000_000L,
        List.of(
            new LatencyPoint(
                SERVER, List.of("GET", "/a\"b\\c\n", "200", ""), active, 3, 0.003, activeBuckets, 0),
            new LatencyPoint(
                SERVER,
                List.of("GET", "/slow", "500", "500"),
                new Histogram(3_600_000_000L, 3),
                4,
                0.4,
                idleBuckets,
                0)),
        List.of(new CounterPoint(ADVICE_ERRORS, List.of(), 0, 2, 0)),
        List.of(new GaugePoint(EXPORT_DURATION, List.of("otlp"), 0.25)));
  }

  private static String write(PrometheusFormat format, IntervalSnapshot snapshot) throws IOException {
    StringWriter out = new StringWriter();
    new PrometheusTextWriter(format).write(snapshot, out);
    return out.toString();
  }

  @Test
  void text_histogramSummaryCounterAndGauge() throws IOException {
    String a =
        "http_request_method=\"GET\",http_route=\"/a\\\"b\\\\c\\n\",http_response_status_code=\"200\"";
    String slow =
        "http_request_method=\"GET\",http_route=\"/slow\",http_response_status_code=\"500\",error_type=\"500\"";
    StringBuilder expected = new StringBuilder();
    expected.append("# HELP http_server_request_duration_seconds Duration of HTTP server requests\n");
    expected.append("# TYPE http_server_request_duration_seconds histogram\n");
    appendBuckets(expected, a, new long[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, 3);
    expected.append("http_server_request_duration_seconds_sum{" + a + "} 0.003\n");
    expected.append("http_server_request_duration_seconds_count{" + a + "} 3\n");
    appendBuckets(expected, slow, new long[] {0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4}, 4);
    expected.append("http_server_request_duration_seconds_sum{" + slow + "} 0.4\n");
    expected.append("http_server_request_duration_seconds_count{" + slow + "} 4\n");
    expected.append(
        "# HELP http_server_request_duration_quantiles_seconds Exact quantiles of"
            + " http.server.request.duration over the last export interval\n");
    expected.append("# TYPE http_server_request_duration_quantiles_seconds summary\n");
    for (String quantile : new String[] {"0.5", "0.95", "0.99", "0.999", "1.0"}) {
      expected.append(
          "http_server_request_duration_quantiles_seconds{"
              + a
              + ",quantile=\""
              + quantile
              + "\"} 0.001\n");
    }
    expected.append("http_server_request_duration_quantiles_seconds_sum{" + a + "} 0.003\n");
    expected.append("http_server_request_duration_quantiles_seconds_count{" + a + "} 3\n");
    expected.append("# HELP hourglass_agent_advice_errors_total Swallowed advice errors\n");
    expected.append("# TYPE hourglass_agent_advice_errors_total counter\n");
    expected.append("hourglass_agent_advice_errors_total 2\n");
    expected.append("# HELP hourglass_agent_export_duration_seconds Last export\n");
    expected.append("# TYPE hourglass_agent_export_duration_seconds gauge\n");
    expected.append("hourglass_agent_export_duration_seconds{exporter=\"otlp\"} 0.25\n");

    assertThat(write(PrometheusFormat.TEXT, snapshot())).isEqualTo(expected.toString());
  }

  private static void appendBuckets(StringBuilder out, String labels, long[] cumulative, long count) {
    String[] le = {
      "0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0",
      "7.5", "10.0"
    };
    for (int i = 0; i < le.length; i++) {
      out.append("http_server_request_duration_seconds_bucket{")
          .append(labels)
          .append(",le=\"")
          .append(le[i])
          .append("\"} ")
          .append(cumulative[i])
          .append('\n');
    }
    out.append("http_server_request_duration_seconds_bucket{")
        .append(labels)
        .append(",le=\"+Inf\"} ")
        .append(count)
        .append('\n');
  }

  @Test
  void openMetrics_namesCounterFamilyWithoutTotal_addsUnitAndEof() throws IOException {
    String text = write(PrometheusFormat.OPENMETRICS, snapshot());

    assertThat(text)
        .contains("# TYPE http_server_request_duration_seconds histogram\n")
        .contains("# UNIT http_server_request_duration_seconds seconds\n")
        .contains("# TYPE hourglass_agent_advice_errors counter\n")
        .contains("\nhourglass_agent_advice_errors_total 2\n")
        .doesNotContain("# UNIT hourglass_agent_advice_errors")
        .endsWith("# EOF\n");
  }

  @Test
  void noSnapshotYet_writesNoSamples() throws IOException {
    assertThat(write(PrometheusFormat.TEXT, null)).isEmpty();
    assertThat(write(PrometheusFormat.OPENMETRICS, null)).isEqualTo("# EOF\n");
  }

  @Test
  void scrapeView_servesTheLatestSnapshot_renderedOncePerFormat() throws IOException {
    PrometheusScrapeView view = new PrometheusScrapeView();
    assertThat(new String(view.scrape(PrometheusFormat.OPENMETRICS), UTF_8)).isEqualTo("# EOF\n");
    view.accept(snapshot());

    byte[] text = view.scrape(PrometheusFormat.TEXT);

    assertThat(new String(text, UTF_8)).isEqualTo(write(PrometheusFormat.TEXT, snapshot()));
    assertThat(view.scrape(PrometheusFormat.TEXT)).isSameAs(text);
    assertThat(new String(view.scrape(PrometheusFormat.OPENMETRICS), UTF_8))
        .isEqualTo(write(PrometheusFormat.OPENMETRICS, snapshot()));
    try (var gzip =
        new java.util.zip.GZIPInputStream(
            new java.io.ByteArrayInputStream(view.scrapeGzip(PrometheusFormat.TEXT)))) {
      assertThat(gzip.readAllBytes()).isEqualTo(text);
    }
  }

  @Test
  void negotiate_prefersOpenMetricsOnlyWhenAsked() {
    assertThat(PrometheusFormat.negotiate(null)).isEqualTo(PrometheusFormat.TEXT);
    assertThat(PrometheusFormat.negotiate("text/plain;version=0.0.4")).isEqualTo(PrometheusFormat.TEXT);
    assertThat(
            PrometheusFormat.negotiate(
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"))
        .isEqualTo(PrometheusFormat.OPENMETRICS);
  }
}
