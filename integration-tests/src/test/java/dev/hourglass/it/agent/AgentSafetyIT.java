package dev.hourglass.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.ChildJvm;
import dev.hourglass.it.ChildJvms;
import dev.hourglass.it.Http;
import dev.hourglass.it.InstrumentedApp;
import dev.hourglass.it.OtlpReceivers;
import dev.hourglass.it.Ports;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whatever the configuration or the collector, the application serves its requests. */
class AgentSafetyIT {
  private static final String METRIC = "http.server.request.duration";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void disabledAgentInstrumentsNothingAndTheAppServes() throws Exception {
    ChildJvm app =
        jvms.builder()
            .javaAgent(dev.hourglass.it.AgentJar.require())
            .systemProperty("hourglass.enabled", "false")
            .systemProperty("otel.exporter.otlp.endpoint", otlp.receiver().httpEndpoint())
            .systemProperty("otel.metric.export.interval", "200ms")
            .mainClass("dev.hourglass.sample.SampleApp")
            .args("--port", String.valueOf(Ports.free()))
            .start();
    String url =
        app.awaitLine(Pattern.compile("Sample app listening on (\\S+)"), InstrumentedApp.START_TIMEOUT).group(1);
    app.awaitLine(Pattern.compile("\\[hourglass\\] INFO disabled by hourglass.enabled=false"), Duration.ofSeconds(5));

    for (int i = 0; i < 5; i++) {
      assertThat(Http.get(url + "/fast").status()).isEqualTo(200);
    }
    app.stop();
    assertThat(otlp.receiver().exports()).isEmpty();
  }

  @Test
  void badConfigurationValueIsNamedAndTheDefaultIsUsed() throws Exception {
    InstrumentedApp app =
        InstrumentedApp.sampleApp(
            jvms.builder().systemProperty("hourglass.series.cap", "lots"),
            "http/protobuf",
            otlp.receiver().httpEndpoint(),
            "10m");
    assertThat(app.jvm().outputLines())
        .contains(
            "[hourglass] WARN invalid value 'lots' for hourglass.series.cap: expected an integer"
                + " from 1 to 100000; using the default (1000)");

    for (int i = 0; i < 3; i++) {
      assertThat(Http.get(app.url("/fast")).status()).isEqualTo(200);
    }
    app.stopAndFlush();
    otlp.receiver().awaitMetric(METRIC, Duration.ofSeconds(30));
    assertThat(otlp.receiver().histogramCount(METRIC, Map.of("http.route", "/fast"))).isEqualTo(3);
  }

  @Test
  void unreachableCollectorCostsTheAppNothingAndIsReportedOnce() throws Exception {
    int nothingListens = Ports.free();
    InstrumentedApp app =
        InstrumentedApp.sampleApp(
            jvms.builder(), "http/protobuf", "http://127.0.0.1:" + nothingListens, "200ms");

    for (int i = 0; i < 20; i++) {
      assertThat(Http.get(app.url("/fast")).status()).isEqualTo(200);
      Thread.sleep(50);
    }
    assertThat(app.stopAndFlush()).isIn(0, 143);
    assertThat(app.jvm().outputLines().stream().filter(line -> line.contains("OTLP export to")))
        .as("one warning, however many exports failed")
        .hasSize(1);
  }
}
