package dev.hourglass.it.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceivers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Spring MVC present, routes are its best-matching patterns, under the context path. */
class SpringRoutesIT {
  private static final String METRIC = "http.server.request.duration";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void routesAreSpringPatternsNeverRawUris() throws Exception {
    InstrumentedApp app =
        InstrumentedApp.start(
            InstrumentedApp.exportingTo(
                    jvms.builder(), "http/protobuf", otlp.receiver().httpEndpoint(), "10m")
                .mainClass(SpringMvcApp.class),
            "Spring app listening on (\\S+)");

    new RequestMix()
        .add(3, "/owners/1", 200)
        .add(2, "/owners/42", 200)
        .add(4, "/owners/7/pets/9", 200)
        .add(1, "/nowhere", 404)
        .send(app.url(""), 2);
    app.stopAndFlush();

    otlp.receiver().awaitMetric(METRIC, Duration.ofSeconds(30));
    assertThat(count("/shop/owners/{ownerId}")).isEqualTo(5);
    assertThat(count("/shop/owners/{ownerId}/pets/{petId}")).isEqualTo(4);
    assertThat(otlp.receiver().dataPoints(METRIC))
        .extracting(point -> point.attributes().get("http.route"))
        .noneMatch(route -> route.matches(".*/(1|42|7|9)(/.*)?"));
  }

  private long count(String route) {
    return otlp.receiver().histogramCount(METRIC, Map.of("http.route", route));
  }
}
