package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.AgentJar;
import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a hostile application's {@code main} to its end twice, without the agent and then with it
 * (exporting once, at exit, to a receiver), so a test can compare what the application printed
 * ({@link Outcome} lines). The application waits for {@link StartSignal}.
 */
final class HostileRuns {
  private static final Duration RUN = Duration.ofSeconds(120);
  private static final Pattern AGENT_STARTED = Pattern.compile("^\\[hourglass\\] INFO started in");

  private final ChildJvms jvms;
  private final Path temp;
  private final String classpath;

  HostileRuns(ChildJvms jvms, Path temp, String classpath) {
    this.jvms = jvms;
    this.temp = temp;
    this.classpath = classpath;
  }

  /**
   * Everything the application (or the JVM on its behalf) printed, in order: its {@code outcome}
   * lines and anything else, such as a JVM complaining about a failed class transformation. Only
   * the agent's own {@code [hourglass]} lines are left out.
   */
  static List<String> applicationOutput(ChildJvm child) {
    return child.outputLines().stream().filter(line -> !line.startsWith("[hourglass] ")).toList();
  }

  /**
   * Runs {@code main} to its end without and then with the agent, asserts that the application
   * printed exactly the same (its {@code outcomes} outcome lines and all else), and returns the
   * run with the agent.
   */
  ChildJvm sameOutputWithAndWithoutAgent(Class<?> main, OtlpReceiver receiver, int outcomes) {
    List<String> withoutAgent = applicationOutput(withoutAgent(main));
    ChildJvm app = withAgent(main, receiver);
    List<String> withAgent = applicationOutput(app);
    assertThat(withAgent)
        .as("what the application got, step by step, and all else it printed")
        .isEqualTo(withoutAgent);
    assertThat(withAgent).filteredOn(line -> line.startsWith("outcome ")).hasSize(outcomes);
    return app;
  }

  /** However many faults the agent met, it said so in one line of its log. */
  static void assertFaultsLoggedOnce(List<String> log) {
    assertThat(log.stream().filter(line -> line.contains("instrumentation code failed")))
        .as("logged once, however many faults")
        .hasSize(1);
  }

  ChildJvm withoutAgent(Class<?> main) {
    Path go = goFile();
    create(go);
    return runToEnd(jvms.builder().name(main.getSimpleName() + "-bare"), main, go);
  }

  /** With the agent; its one export (a 10-minute interval, flushed at exit) goes to receiver. */
  ChildJvm withAgent(Class<?> main, OtlpReceiver receiver) {
    Path go = goFile();
    ChildJvm.Builder builder =
        InstrumentedApp.exportingTo(
                jvms.builder().name(main.getSimpleName() + "-agent"),
                "http/protobuf",
                receiver.httpEndpoint(),
                "10m")
            .javaAgent(AgentJar.require())
            .systemProperty("hourglass.http.port", "0") // no dashboard: nothing to look at here
            .systemProperty("hourglass.shutdown.timeout", "30s");
    return runToEnd(builder, main, go);
  }

  private ChildJvm runToEnd(ChildJvm.Builder builder, Class<?> main, Path go) {
    ChildJvm child = builder.classpath(classpath).mainClass(main).args(go.toString()).start();
    if (!Files.exists(go)) {
      child.awaitLine(AGENT_STARTED, RUN);
      create(go);
    }
    assertThat(child.awaitExit(RUN)).as("exit code; log: %s", child.logFile()).isZero();
    return child;
  }

  private Path goFile() {
    try {
      Path go = Files.createTempFile(temp, "go", "");
      Files.delete(go); // the application waits for it to appear
      return go;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void create(Path go) {
    try {
      Files.createFile(go);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
