package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.ChildJvm;
import dev.hourglass.it.ChildJvms;
import dev.hourglass.it.Http;
import dev.hourglass.it.InstrumentedApp;
import dev.hourglass.it.OtlpReceivers;
import dev.hourglass.it.Ports;
import dev.hourglass.it.SelfMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request and response objects whose methods throw or return null (wrappers installed by the
 * application) break the agent's measurement of that request, never the request: the application
 * answers exactly as it does without the agent, the agent says so once and counts every fault.
 */
class InstrumentationFaultsIT {
  static final String READY = "Hostile app listening on (\\S+)";
  private static final int EACH = 5;
  private static final Pattern AGENT_FRAME =
      Pattern.compile("dev\\.hourglass\\.(instrumentation|bootstrap|agent|shaded)\\.");
  private static final List<String> HOSTILE_PATHS =
      List.of("/wrapped-async", "/handoff?outcome=ok", "/handoff?outcome=throw");

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void throwingWrappersLeaveTheAppsAnswersUntouchedAndAreCountedOnce() throws Exception {
    ChildJvm bare =
        jvms.builder().mainClass(HostileApp.class).args("--port", String.valueOf(Ports.free())).start();
    String bareUrl = bare.awaitLine(Pattern.compile(READY), InstrumentedApp.START_TIMEOUT).group(1);
    List<Http.Response> withoutAgent = sendHostileRequests(bareUrl);
    bare.stop();

    InstrumentedApp app =
        InstrumentedApp.start(
            InstrumentedApp.exportingTo(
                    jvms.builder().mainClass(HostileApp.class),
                    "http/protobuf",
                    otlp.receiver().httpEndpoint(),
                    "10m")
                .systemProperty("hourglass.log.level", "debug"),
            READY);
    List<Http.Response> withAgent = sendHostileRequests(app.url(""));
    assertThat(app.jvm().stop()).isIn(0, 143);

    assertThat(withAgent).as("status and body of every request").isEqualTo(withoutAgent);
    assertThat(withAgent.get(0)).isEqualTo(new Http.Response(202, "async answer"));
    assertThat(withAgent.get(EACH * 2))
        .isEqualTo(
            new Http.Response(
                200, "worker threw jakarta.servlet.ServletException: the application's own failure"));

    otlp.receiver().awaitMetric("hourglass.agent.advice.errors", Duration.ofSeconds(30));
    assertThat(SelfMetrics.last(otlp.receiver(), "hourglass.agent.advice.errors"))
        .as("one fault per hostile request: the async completion and both hand-offs")
        .isEqualTo(3.0 * EACH);
    assertThat(
            otlp.receiver()
                .histogramCount("http.server.request.duration", Map.of("http.route", "/handoff")))
        .as("the requests around the faulty calls are still measured")
        .isEqualTo(2L * EACH);

    List<String> log = app.jvm().outputLines();
    assertThat(log.stream().filter(line -> line.contains("instrumentation code failed")))
        .as("logged once, however many faults")
        .hasSize(1);
    assertThat(log)
        .as("no agent frame in anything the application or its container printed")
        .allMatch(line -> line.startsWith("[hourglass] ") || !AGENT_FRAME.matcher(line).find());
  }

  private static List<Http.Response> sendHostileRequests(String baseUrl) {
    List<Http.Response> responses = new ArrayList<>();
    for (String path : HOSTILE_PATHS) {
      for (int i = 0; i < EACH; i++) {
        responses.add(Http.get(baseUrl + path));
      }
    }
    return responses;
  }
}
