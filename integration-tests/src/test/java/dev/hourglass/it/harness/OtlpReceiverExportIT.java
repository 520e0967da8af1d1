package dev.hourglass.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real OpenTelemetry SDK exports known data; the receiver must decode exactly that, over either transport. */
class OtlpReceiverExportIT {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Map<String, String> ORDERS = Map.of("http.route", "/orders", "http.method", "GET");

  private OtlpReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @ParameterizedTest
  @EnumSource(OtlpTransport.class)
  void histogramArrivesWithExactBucketCountsSumMinAndMax(OtlpTransport transport) {
    exportHistogramAndCounter(transport, "none");

    Metric metric = receiver.awaitMetric(KnownMetrics.HISTOGRAM, WAIT);
    assertThat(metric.getUnit()).isEqualTo("ms");
    assertThat(metric.getHistogram().getAggregationTemporality())
        .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);

    List<ReceivedPoint> orders = receiver.dataPoints(KnownMetrics.HISTOGRAM).stream()
        .filter(point -> point.attributes().equals(ORDERS))
        .toList();
    assertThat(orders).hasSize(1);
    HistogramDataPoint point = orders.get(0).histogram();
    assertThat(point.getCount()).isEqualTo(4);
    assertThat(point.getSum()).isEqualTo(285.0);
    assertThat(point.getMin()).isEqualTo(5.0);
    assertThat(point.getMax()).isEqualTo(250.0);
    assertThat(point.getExplicitBoundsList()).containsExactly(10.0, 100.0);
    assertThat(point.getBucketCountsList()).containsExactly(1L, 2L, 1L);
  }

  @ParameterizedTest
  @EnumSource(OtlpTransport.class)
  void histogramCountAddsUpOnlyPointsWhoseAttributesMatchTheFilter(OtlpTransport transport) {
    exportHistogramAndCounter(transport, "none");
    receiver.awaitMetric(KnownMetrics.HISTOGRAM, WAIT);

    assertThat(receiver.histogramCount(KnownMetrics.HISTOGRAM, Map.of("http.route", "/orders"))).isEqualTo(4);
    assertThat(receiver.histogramCount(KnownMetrics.HISTOGRAM, Map.of("http.method", "GET"))).isEqualTo(5);
    assertThat(receiver.histogramCount(KnownMetrics.HISTOGRAM, Map.of())).isEqualTo(6);
    assertThat(receiver.histogramCount(KnownMetrics.HISTOGRAM, Map.of("http.route", "/nowhere"))).isZero();
  }

  @ParameterizedTest
  @EnumSource(OtlpTransport.class)
  void counterArrivesAsMonotonicCumulativeSumWithFlattenedAttributes(OtlpTransport transport) {
    exportHistogramAndCounter(transport, "none");

    Metric metric = receiver.awaitMetric(KnownMetrics.COUNTER, WAIT);
    assertThat(metric.getSum().getIsMonotonic()).isTrue();
    assertThat(receiver.dataPoints(KnownMetrics.COUNTER)).singleElement().satisfies(point -> {
      assertThat(point.attributes()).isEqualTo(ORDERS);
      NumberDataPoint number = point.number();
      assertThat(number.getAsInt()).isEqualTo(7);
    });
  }

  @ParameterizedTest
  @EnumSource(OtlpTransport.class)
  void summaryArrivesWithExactQuantileValues(OtlpTransport transport) {
    try (MetricExporter exporter = SdkExporters.to(receiver, transport, "none")) {
      assertThat(KnownMetrics.export(exporter, List.of(KnownMetrics.summary())).isSuccess()).isTrue();
    }

    receiver.awaitMetric(KnownMetrics.SUMMARY, WAIT);
    assertThat(receiver.summaryPoints(KnownMetrics.SUMMARY)).singleElement().satisfies(summary -> {
      assertThat(summary.attributes()).isEqualTo(ORDERS);
      assertThat(summary.count()).isEqualTo(1000);
      assertThat(summary.sum()).isEqualTo(12345.5);
      assertThat(summary.quantiles()).containsExactlyEntriesOf(
          new TreeMap<>(Map.of(0.5, 9.5, 0.99, 120.25, 1.0, 480.0)));
    });
  }

  @ParameterizedTest
  @EnumSource(OtlpTransport.class)
  void resourceAttributesOfTheLastRequestAreFlattened(OtlpTransport transport) {
    exportHistogramAndCounter(transport, "none");
    receiver.awaitMetric(KnownMetrics.HISTOGRAM, WAIT);

    assertThat(receiver.lastResourceAttributes()).isEqualTo(
        Map.of("service.name", "hourglass-self-test", "service.instance.id", "instance-7"));
  }

  @ParameterizedTest
  @EnumSource(OtlpTransport.class)
  void gzipCompressedExportIsDecodedAndItsBodyKeptUncompressed(OtlpTransport transport) {
    exportHistogramAndCounter(transport, "gzip");

    assertThat(receiver.histogramCount(KnownMetrics.HISTOGRAM, Map.of())).isEqualTo(6);
    ReceivedExport export = receiver.exports().get(0);
    String encodingHeader = transport == OtlpTransport.GRPC ? "grpc-encoding" : "content-encoding";
    assertThat(export.header(encodingHeader)).containsExactly("gzip");
    assertThat(new String(export.body(), StandardCharsets.ISO_8859_1)).contains("hourglass-self-test");
  }

  @ParameterizedTest
  @EnumSource(OtlpTransport.class)
  void rawBodiesContainEveryAttributeValueThatWasSent(OtlpTransport transport) {
    exportHistogramAndCounter(transport, "none");

    assertThat(receiver.rawBodies()).singleElement().satisfies(body -> {
      assertThat(new String(body, StandardCharsets.ISO_8859_1)).contains(KnownMetrics.SECRET_LOOKING_VALUE);
      assertThat(ExportMetricsServiceRequest.parseFrom(body)).isEqualTo(receiver.acceptedRequests().get(0));
    });
  }

  @ParameterizedTest
  @EnumSource(OtlpTransport.class)
  void eachExportIsRecordedOnceAsAcceptedWithItsTransport(OtlpTransport transport) {
    exportHistogramAndCounter(transport, "none");

    assertThat(receiver.exports()).singleElement().satisfies(export -> {
      assertThat(export.transport()).isEqualTo(transport);
      assertThat(export.accepted()).isTrue();
      assertThat(export.request()).isPresent();
    });
  }

  private void exportHistogramAndCounter(OtlpTransport transport, String compression) {
    try (MetricExporter exporter = SdkExporters.to(receiver, transport, compression)) {
      assertThat(KnownMetrics.export(exporter, KnownMetrics.histogramAndCounter()).isSuccess())
          .as("SDK export over %s", transport)
          .isTrue();
    }
  }
}
