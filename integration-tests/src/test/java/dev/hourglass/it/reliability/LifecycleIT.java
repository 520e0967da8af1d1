package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import dev.hourglass.it.harness.AgentJar;
import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.FaultMode;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.Ports;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's life inside the application's: attached at start or to a running JVM, and gone at
 * exit without losing the last interval or holding exit up, however the JVM ends.
 */
class LifecycleIT {
  private static final String METRIC = "http.server.request.duration";
  private static final Pattern ATTACHED =
      Pattern.compile("\\[hourglass\\] INFO started .*\\(attached to a running JVM\\)");
  /** Slack over the configured shutdown timeout: process exit itself on a loaded machine. */
  private static final Duration EXIT_SLACK = Duration.ofSeconds(8);
  /** The hung collector's request timeout: an exit that waited for it would take this long. */
  private static final String HUNG_REQUEST_TIMEOUT = "30s";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void shutdownFlushesTheLastIntervalPromptly() throws Exception {
    InstrumentedApp app =
        InstrumentedApp.sampleApp(jvms.builder(), "http/protobuf", otlp.receiver().httpEndpoint(), "10m");
    for (int i = 0; i < 7; i++) {
      assertThat(Http.get(app.url("/fast")).status()).isEqualTo(200);
    }
    long start = System.nanoTime();
    assertThat(app.jvm().stop()).isIn(0, 143);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(otlp.receiver().histogramCount(METRIC, Map.of("http.route", "/fast")))
        .as("the only interval, cut short by the shutdown, was exported")
        .isEqualTo(7);
    assertThat(took).isLessThan(Duration.ofSeconds(5).plus(EXIT_SLACK));
  }

  @Test
  void hungCollectorNeverHoldsUpExitLongerThanTheShutdownTimeout() throws Exception {
    otlp.receiver().faultMode(FaultMode.HANG);
    InstrumentedApp app =
        InstrumentedApp.sampleApp(
            jvms.builder()
                .systemProperty("hourglass.shutdown.timeout", "1s")
                .systemProperty("otel.exporter.otlp.timeout", HUNG_REQUEST_TIMEOUT),
            "http/protobuf",
            otlp.receiver().httpEndpoint(),
            "10m");
    for (int i = 0; i < 3; i++) {
      assertThat(Http.get(app.url("/fast")).status()).isEqualTo(200);
    }
    long start = System.nanoTime();
    assertThat(app.jvm().stop(Duration.ofSeconds(30))).as("exited by itself, not killed").isIn(0, 143);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(1).plus(EXIT_SLACK));
    assertThat(app.jvm().outputLines())
        .anyMatch(line -> line.matches("\\[hourglass\\] WARN shutdown: \\d+ points were not exported in time"));
  }

  @Test
  void systemExitFromARequestThreadExitsPromptlyWithTheAppsCode() throws Exception {
    otlp.receiver().faultMode(FaultMode.HANG);
    InstrumentedApp app =
        InstrumentedApp.start(
            InstrumentedApp.exportingTo(
                    jvms.builder().mainClass(HostileApp.class), "http/protobuf", otlp.receiver().httpEndpoint(), "10m")
                .systemProperty("hourglass.shutdown.timeout", "1s")
                .systemProperty("otel.exporter.otlp.timeout", HUNG_REQUEST_TIMEOUT),
            InstrumentationFaultsIT.READY);
    long start = System.nanoTime();
    try {
      Http.get(app.url("/exit"));
    } catch (RuntimeException connectionClosedByExit) {
      // The process ends while the request is in flight: no answer is the expected outcome.
    }
    assertThat(app.jvm().awaitExit(Duration.ofSeconds(1).plus(EXIT_SLACK))).isEqualTo(3);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1).plus(EXIT_SLACK));
  }

  @Test
  void attachingToARunningAppRetransformsLoadedServletsAndMeasuresLaterRequests() throws Exception {
    ChildJvm app = startSampleAppWithoutAgent();
    String url = app.awaitLine(Pattern.compile(InstrumentedApp.SAMPLE_APP_READY), InstrumentedApp.START_TIMEOUT).group(1);
    for (int i = 0; i < 5; i++) {
      assertThat(Http.get(url + "/fast").status()).as("before the agent: servlet classes load").isEqualTo(200);
    }

    attach(app, agentOptions());
    app.awaitLine(ATTACHED, InstrumentedApp.START_TIMEOUT);
    for (int i = 0; i < 9; i++) {
      assertThat(Http.get(url + "/fast").status()).isEqualTo(200);
    }
    assertThat(app.stop()).isIn(0, 143);

    assertThat(otlp.receiver().histogramCount(METRIC, Map.of("http.route", "/fast")))
        .as("every request after the attach, none before")
        .isEqualTo(9);
  }

  @Test
  void attachingASecondTimeChangesNothing() throws Exception {
    ChildJvm app = startSampleAppWithoutAgent();
    String url = app.awaitLine(Pattern.compile(InstrumentedApp.SAMPLE_APP_READY), InstrumentedApp.START_TIMEOUT).group(1);
    attach(app, agentOptions());
    app.awaitLine(ATTACHED, InstrumentedApp.START_TIMEOUT);
    attach(app, agentOptions());
    app.awaitLine(Pattern.compile("\\[hourglass\\] WARN already running"), Duration.ofSeconds(30));
    for (int i = 0; i < 4; i++) {
      assertThat(Http.get(url + "/fast").status()).isEqualTo(200);
    }
    assertThat(app.stop()).isIn(0, 143);

    assertThat(otlp.receiver().histogramCount(METRIC, Map.of("http.route", "/fast"))).isEqualTo(4);
    assertThat(app.outputLines().stream().filter(line -> line.startsWith("[hourglass] INFO started")))
        .hasSize(1);
  }

  private ChildJvm startSampleAppWithoutAgent() {
    return jvms.builder()
        .mainClass(InstrumentedApp.SAMPLE_APP)
        .args("--port", String.valueOf(Ports.free()))
        .start();
  }

  private String agentOptions() {
    return "otel.exporter.otlp.metrics.endpoint=" + otlp.receiver().httpEndpoint()
        + ",otel.metric.export.interval=10m";
  }

  private static void attach(ChildJvm app, String options) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
    try {
      vm.loadAgent(AgentJar.require().toAbsolutePath().toString(), options);
    } finally {
      vm.detach();
    }
  }
}
