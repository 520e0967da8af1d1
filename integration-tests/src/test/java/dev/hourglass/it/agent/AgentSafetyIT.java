package dev.hourglass.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever the configuration or the collector, the application serves its requests and is
 * measured: each bad value, unknown key and unreadable file is one line naming the key as the user
 * wrote it (and what is allowed), and the defaults and the other sources apply.
 */
class AgentSafetyIT {
  private static final String METRIC = "http.server.request.duration";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void disabledAgentInstrumentsNothingAndTheAppServes() throws Exception {
    ChildJvm app =
        jvms.builder()
            .javaAgent(dev.hourglass.it.harness.AgentJar.require())
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

  @Test
  void aRuntimeImageWithoutOptionalModules_isMeasured_withoutTheFeaturesNeedingThem()
      throws Exception {
    // A runtime made with jlink from the Java SE modules alone: no jdk.httpserver (the local
    // server) and no jdk.management (the process CPU gauge).
    InstrumentedApp app =
        InstrumentedApp.start(
            sampleAppExportingTo(otlp.receiver().httpEndpoint())
                .jvmArgs("--limit-modules", "java.se")
                .systemProperty("hourglass.http.port", String.valueOf(Ports.free())),
            InstrumentedApp.SAMPLE_APP_READY);

    assertMeasured(app, 3);
    assertThat(app.jvm().outputLines())
        .containsOnlyOnce(
            "[hourglass] WARN dashboard server not started: this runtime has no jdk.httpserver"
                + " module (add it to the image, e.g. jlink --add-modules jdk.httpserver)")
        .noneMatch(line -> line.contains("Exception in thread") || line.contains("Error:"));
    assertThat(otlp.receiver().dataPoints("jvm.memory.used")).isNotEmpty();
    assertThat(otlp.receiver().dataPoints("jvm.cpu.recent_utilization")).isEmpty();
  }

  @Test
  void invalidOtelEnvironmentValues_areNamedWithTheValidValues_defaultsAreUsed() throws Exception {
    ChildJvm.Builder builder =
        sampleAppExportingTo(otlp.receiver().httpEndpoint())
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon")
            .env("OTEL_METRIC_EXPORT_INTERVAL", "-5")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")
            .env("OTEL_EXPORTER_OTLP_COMPRESSION", "zip")
            .env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci,no-equals-sign,team=%zz");
    InstrumentedApp app = InstrumentedApp.start(builder, InstrumentedApp.SAMPLE_APP_READY);

    assertThat(app.jvm().outputLines())
        .containsOnlyOnce(
            "[hourglass] WARN invalid value 'carrier-pigeon' for OTEL_EXPORTER_OTLP_PROTOCOL"
                + " (otel.exporter.otlp.protocol): expected one of http/protobuf, grpc; using the"
                + " default (http/protobuf)",
            "[hourglass] WARN invalid value '-5' for OTEL_METRIC_EXPORT_INTERVAL"
                + " (otel.metric.export.interval): expected a duration such as 500ms, 10s, 2m, 30d (bare"
                + " numbers are milliseconds) from 100ms to 1h; using the default (10s)",
            "[hourglass] WARN invalid value (9 characters, not shown: it may hold a credential) for"
                + " OTEL_EXPORTER_OTLP_ENDPOINT (otel.exporter.otlp.endpoint): expected an absolute"
                + " http:// or https:// URL; using the default (http://localhost:4318, or :4317 for"
                + " grpc)",
            "[hourglass] WARN invalid value 'zip' for OTEL_EXPORTER_OTLP_COMPRESSION"
                + " (otel.exporter.otlp.compression): expected one of gzip, none; using the default"
                + " (gzip)",
            "[hourglass] WARN ignoring entry 2 of OTEL_RESOURCE_ATTRIBUTES"
                + " (otel.resource.attributes): expected key=value,key=value (values"
                + " percent-encoded)",
            "[hourglass] WARN ignoring the entry for 'team' in OTEL_RESOURCE_ATTRIBUTES"
                + " (otel.resource.attributes): its value is not valid percent-encoding (%XX)");
    assertThat(app.jvm().outputLines())
        .as("the defaults are what the agent runs with")
        .anyMatch(line -> line.matches(
            "\\[hourglass\\] INFO started .* exporting every 10s to otlp http/protobuf"
                + " http://127\\.0\\.0\\.1:\\d+/v1/metrics"));
    assertMeasured(app, 3);
    assertThat(otlp.receiver().lastResourceAttributes())
        .containsEntry("deployment.environment", "ci")
        .doesNotContainKey("team");
  }

  @Test
  void mistakesInAConfigFile_areNamedOneLineEach_theRestOfTheFileApplies(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("hourglass.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "# edited by hand, with the usual mistakes",
            "hourglass.series.cap=lots",
            "series.idle.intervals=5",
            "hourglass.jdbc.slow.treshold=1s",
            "otel.service.name=from-the-file",
            "this line is no property"));
    ChildJvm.Builder builder =
        sampleAppExportingTo(otlp.receiver().httpEndpoint())
            .systemProperty("hourglass.config", file.toString())
            .env("HOURGLASS_SERIES_CAPP", "5");
    InstrumentedApp app = InstrumentedApp.start(builder, InstrumentedApp.SAMPLE_APP_READY);

    List<String> log = app.jvm().outputLines();
    assertThat(log.stream().filter(line -> line.startsWith(
            "[hourglass] WARN unknown setting this in the config file (ignored)")))
        .hasSize(1);
    assertThat(log)
        .containsOnlyOnce(
            "[hourglass] WARN invalid value 'lots' for hourglass.series.cap: expected an integer"
                + " from 1 to 100000; using the default (1000)",
            "[hourglass] WARN unknown setting series.idle.intervals in the config file (ignored):"
                + " keys start with hourglass. or otel.; did you mean"
                + " hourglass.series.idle.intervals?",
            "[hourglass] WARN unknown setting hourglass.jdbc.slow.treshold (ignored); did you mean"
                + " hourglass.jdbc.slow.threshold?",
            "[hourglass] WARN unknown setting HOURGLASS_SERIES_CAPP (ignored); did you mean"
                + " HOURGLASS_SERIES_CAP?");
    assertMeasured(app, 3);
    assertThat(otlp.receiver().lastResourceAttributes()).containsEntry("service.name", "from-the-file");
  }

  /**
   * Tests may run as root, for whom a file with permissions 000 is readable; a directory, a missing
   * file and a file the properties format cannot decode are unreadable for everyone.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"a directory", "a missing file", "an undecodable file"})
  void unreadableConfigFile_isNamedInOneLine_theOtherSourcesApply(String kind, @TempDir Path dir)
      throws Exception {
    Path file =
        switch (kind) {
          case "a directory" -> Files.createDirectory(dir.resolve("hourglass.properties"));
          case "a missing file" -> dir.resolve("no-such.properties");
          default -> Files.writeString(dir.resolve("hourglass.properties"), "hourglass.series.cap=\\u12zz\n");
        };
    ChildJvm.Builder builder =
        sampleAppExportingTo(otlp.receiver().httpEndpoint())
            .systemProperty("hourglass.config", file.toString())
            .systemProperty("otel.service.name", "from-a-property");
    InstrumentedApp app = InstrumentedApp.start(builder, InstrumentedApp.SAMPLE_APP_READY);

    assertThat(app.jvm().outputLines().stream().filter(line -> line.contains("config file")))
        .singleElement()
        .asString()
        .startsWith("[hourglass] WARN cannot read the config file " + file + " (")
        .endsWith("); using the other sources");
    assertMeasured(app, 3);
    assertThat(otlp.receiver().lastResourceAttributes()).containsEntry("service.name", "from-a-property");
  }

  /**
   * The sample app exporting to {@code endpoint} in delta temporality (so counts add up over
   * however many intervals pass), and configured by nothing else the test does not set.
   */
  private ChildJvm.Builder sampleAppExportingTo(String endpoint) {
    return jvms.builder()
        .mainClass(InstrumentedApp.SAMPLE_APP)
        .systemProperty("otel.exporter.otlp.metrics.endpoint", endpoint)
        .systemProperty("otel.exporter.otlp.metrics.temporality.preference", "delta")
        .systemProperty("hourglass.http.port", "0");
  }

  /** {@code requests} served and, after the final export at shutdown, counted exactly. */
  private void assertMeasured(InstrumentedApp app, int requests) {
    for (int i = 0; i < requests; i++) {
      // A cold JVM's first answers can take long on a loaded machine; 10 s was seen to time out.
      assertThat(Http.get(app.url("/fast"), Duration.ofSeconds(60)).status()).isEqualTo(200);
    }
    app.stopAndFlush();
    otlp.receiver().awaitMetric(METRIC, Duration.ofSeconds(30));
    assertThat(otlp.receiver().histogramCount(METRIC, Map.of("http.route", "/fast")))
        .isEqualTo(requests);
  }
}
