package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.SelfMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javax.servlet advice is generated from the jakarta one by renaming its packages; this holds
 * the generated twin, on Tomcat 9, to {@link InstrumentationFaultsIT}'s promise: wrappers whose
 * getters throw or answer null, Servlet 2.5-era classes and an application exception leave every
 * answer and every line Tomcat prints as without the agent, each fault is counted once and logged
 * once, and the healthy requests around them are measured exactly.
 */
class JavaxInstrumentationFaultsIT {
  private static final String METRIC = "http.server.request.duration";
  private static final int ROUNDS = HostileJavaxApp.ROUNDS;

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();
  @TempDir Path temp;

  @Test
  void hostileJavaxWrappersOnTomcat9LeaveTheAppsAnswersUntouchedAndAreCountedExactly() {
    ChildJvm app =
        new HostileRuns(jvms, temp, System.getProperty("java.class.path"))
            .sameOutputWithAndWithoutAgent(
                HostileJavaxApp.class, otlp.receiver(), HostileJavaxApp.REQUESTS * ROUNDS);

    List<String> output = HostileRuns.applicationOutput(app);
    assertThat(output)
        .contains(
            "hostile javax app done",
            "outcome /plain: 200 plain",
            "outcome /wrapped-async: 202 async answer",
            "outcome /handoff?outcome=ok: 200 plain",
            "outcome /handoff?outcome=nulls: 200 plain",
            "outcome /handoff?outcome=older-response: 200 plain",
            "outcome /handoff?outcome=older-request: 200 plain");
    assertThat(output)
        .filteredOn(line -> line.startsWith("outcome /handoff?outcome=throw: 500 "))
        .as("the application's exception reached Tomcat, which answered 500")
        .hasSize(ROUNDS);
    assertThat(output)
        .filteredOn(
            line ->
                line.startsWith("SEVERE ")
                    && line.endsWith(
                        " javax.servlet.ServletException: " + HostileServletObjects.FAILURE))
        .as("Tomcat logged the application's own exception, once per request")
        .hasSize(ROUNDS);

    assertThat(SelfMetrics.last(otlp.receiver(), "hourglass.agent.advice.errors"))
        .as(
            "one fault per hostile request: the async completion, the throwing wrappers (twice,"
                + " once with the application's exception) and the missing getStatus() and"
                + " getDispatcherType(); null getters are no fault")
        .isEqualTo(5.0 * ROUNDS);
    assertThat(requests("/plain", "200"))
        .as("the healthy requests before and after the hostile ones")
        .isEqualTo(2L * ROUNDS);
    assertThat(requests("/handoff", "200"))
        .as("the requests that handed their objects to a worker, measured at the container")
        .isEqualTo(4L * ROUNDS);
    assertThat(
            otlp.receiver()
                .histogramCount(
                    METRIC,
                    Map.of(
                        "http.route", "/handoff",
                        "http.response.status_code", "500",
                        "error.type", "javax.servlet.ServletException")))
        .as("the request whose worker failed: the application's exception is its error")
        .isEqualTo(ROUNDS);
    assertThat(requests("/*", "200"))
        .as("a request whose servlet path and mapping are null is measured under a path route")
        .isEqualTo(ROUNDS);
    assertThat(otlp.receiver().histogramCount(METRIC, Map.of()))
        .as("nothing else: a request whose objects cannot be read is a fault, not a measurement")
        .isEqualTo(8L * ROUNDS);
    assertThat(otlp.receiver().dataPoints(METRIC))
        .as("no route made of a null")
        .noneMatch(point -> point.attributes().getOrDefault("http.route", "").contains("null"));

    HostileRuns.assertFaultsLoggedOnce(app.outputLines());
  }

  private long requests(String route, String status) {
    return otlp.receiver()
        .histogramCount(METRIC, Map.of("http.route", route, "http.response.status_code", status));
  }
}
