package dev.hourglass.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver's http/protobuf side as a raw client sees it: status codes, encodings, bodies. */
class OtlpReceiverHttpIT {

  private static final String PROTOBUF = "application/x-protobuf";

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
  void validExportIsAnswered200WithAnEmptyExportResponse() {
    Http.Response response = post(gauge("queue.depth", 12).toByteArray(), Map.of());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(receiver.dataPoints("queue.depth")).singleElement()
        .satisfies(point -> assertThat(point.number().getAsInt()).isEqualTo(12));
  }

  @Test
  void gzipEncodedBodyIsDecoded() throws IOException {
    Http.Response response = post(gzip(gauge("queue.depth", 3).toByteArray()), Map.of("Content-Encoding", "gzip"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(receiver.dataPoints("queue.depth")).singleElement()
        .satisfies(point -> assertThat(point.number().getAsInt()).isEqualTo(3));
  }

  @Test
  void attributesOfEveryValueTypeAreFlattenedToStrings() {
    NumberDataPoint point = NumberDataPoint.newBuilder()
        .setAsInt(1)
        .addAttributes(attribute("text", AnyValue.newBuilder().setStringValue("a").build()))
        .addAttributes(attribute("flag", AnyValue.newBuilder().setBoolValue(true).build()))
        .addAttributes(attribute("whole", AnyValue.newBuilder().setIntValue(-42).build()))
        .addAttributes(attribute("real", AnyValue.newBuilder().setDoubleValue(0.25).build()))
        .build();
    post(request(Metric.newBuilder().setName("typed").setGauge(Gauge.newBuilder().addDataPoints(point))).toByteArray(),
        Map.of());

    assertThat(receiver.dataPoints("typed")).singleElement().satisfies(received ->
        assertThat(received.attributes()).isEqualTo(
            Map.of("text", "a", "flag", "true", "whole", "-42", "real", "0.25")));
  }

  @Test
  void bodyThatIsNotProtobufIsAnswered400AndKeptAsNotAccepted() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};

    assertThat(post(garbage, Map.of()).status()).isEqualTo(400);
    assertThat(receiver.exports()).singleElement().satisfies(export -> {
      assertThat(export.accepted()).isFalse();
      assertThat(export.request()).isEmpty();
      assertThat(export.body()).isEqualTo(garbage);
    });
    assertThat(receiver.acceptedRequests()).isEmpty();
  }

  @Test
  void jsonIsAnswered415BecauseOnlyProtobufIsExpected() {
    Http.Response response = Http.post(receiver.httpEndpoint(), "application/json", "{}");

    assertThat(response.status()).isEqualTo(415);
    assertThat(receiver.exports()).isEmpty();
  }

  @Test
  void unknownContentEncodingIsAnswered415() {
    assertThat(post(new byte[0], Map.of("Content-Encoding", "br")).status()).isEqualTo(415);
  }

  @Test
  void otherPathsAnswer404AndOtherMethodsAnswer405() {
    String base = receiver.httpEndpoint().replace("/v1/metrics", "");

    assertThat(Http.post(base + "/v1/traces", PROTOBUF, "").status()).isEqualTo(404);
    assertThat(Http.post(base + "/v1/metricsx", PROTOBUF, "").status()).isEqualTo(404);
    assertThat(Http.get(receiver.httpEndpoint()).status()).isEqualTo(405);
  }

  @Test
  void awaitMetricTimesOutNamingTheMetricsThatDidArrive() {
    post(gauge("queue.depth", 1).toByteArray(), Map.of());

    assertThatThrownBy(() -> receiver.awaitMetric("never.sent", Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never.sent")
        .hasMessageContaining("[queue.depth]");
  }

  @Test
  void awaitMetricReturnsOnceAnExportArrivesWhileWaiting() throws Exception {
    Thread sender = new Thread(() -> {
      sleep(Duration.ofMillis(300));
      post(gauge("late.metric", 5).toByteArray(), Map.of());
    });
    sender.start();

    Metric metric = receiver.awaitMetric("late.metric", Duration.ofSeconds(10));
    sender.join();

    assertThat(metric.getGauge().getDataPoints(0).getAsInt()).isEqualTo(5);
  }

  @Test
  void clearForgetsEverythingReceived() {
    post(gauge("queue.depth", 1).toByteArray(), Map.of());

    receiver.clear();

    assertThat(receiver.exports()).isEmpty();
    assertThat(receiver.dataPoints("queue.depth")).isEmpty();
  }

  private Http.Response post(byte[] body, Map<String, String> headers) {
    return Http.post(receiver.httpEndpoint(), PROTOBUF, body, headers, Http.DEFAULT_TIMEOUT);
  }

  static ExportMetricsServiceRequest gauge(String name, long value) {
    return request(Metric.newBuilder().setName(name)
        .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setAsInt(value))));
  }

  private static ExportMetricsServiceRequest request(Metric.Builder metric) {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder()
            .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric)))
        .build();
  }

  private static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(plain);
    }
    return compressed.toByteArray();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
