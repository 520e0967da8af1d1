package dev.hourglass.it.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.ReceivedPoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A javax.servlet application on Tomcat 9, exporting over gRPC: filters and forwards count once,
 * async requests are timed to completion with the status they finish with, exceptions are errors.
 */
class JavaxServletIT {
  private static final String METRIC = "http.server.request.duration";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void tomcatRequestsArriveOverGrpcCountedOncePerRequest() throws Exception {
    InstrumentedApp app =
        InstrumentedApp.start(
            jvms.builder()
                .systemProperty("otel.exporter.otlp.protocol", "grpc")
                .systemProperty("otel.exporter.otlp.endpoint", otlp.receiver().grpcEndpoint())
                .systemProperty("otel.metric.export.interval", "10m")
                .mainClass(JavaxTestApp.class),
            "Javax app listening on (\\S+)");

    new RequestMix()
        .add(30, "/items/1", 200)
        .add(20, "/items/2", 200)
        .add(6, "/forward", 200)
        .add(5, "/async", 202)
        .add(3, "/boom", 500)
        .send(app.url(""), 3);
    app.stopAndFlush();

    otlp.receiver().awaitMetric(METRIC, Duration.ofSeconds(30));
    List<ReceivedPoint> points = otlp.receiver().dataPoints(METRIC);
    assertThat(count("/items/*", "200")).isEqualTo(50);
    assertThat(count("/forward", "200")).as("a forward is part of its request").isEqualTo(6);
    assertThat(count("/async", "202")).isEqualTo(5);
    assertThat(count("/boom", "500")).isEqualTo(3);
    assertThat(points.stream().mapToLong(point -> point.histogram().getCount()).sum())
        .as("every request exactly once, filters and forwards included")
        .isEqualTo(64);
    assertThat(
            points.stream()
                .filter(point -> "/boom".equals(point.attributes().get("http.route")))
                .map(point -> point.attributes().get("error.type")))
        .containsExactly("java.lang.UnsupportedOperationException");
  }

  private long count(String route, String status) {
    return otlp.receiver()
        .histogramCount(METRIC, Map.of("http.route", route, "http.response.status_code", status));
  }
}
