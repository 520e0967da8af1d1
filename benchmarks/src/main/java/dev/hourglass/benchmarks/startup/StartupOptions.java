package dev.hourglass.benchmarks.startup;

import dev.hourglass.benchmarks.harness.HarnessInputs;
import java.nio.file.Path;
import java.util.List;

/**
 * Command-line options of the start-up harness. Paths are relative to the repository root.
 *
 * @param app which application: {@code spring} (the Spring Boot benchmark application) or {@code
 *     sample} (the sample app)
 * @param byFamily also run Hourglass with one instrumentation family at a time, and with none
 * @param others also run the OpenTelemetry and Elastic agents (off: a shorter run of Hourglass
 *     against no agent, e.g. for the by-family figures)
 */
record StartupOptions(
    int rounds,
    String app,
    boolean byFamily,
    boolean others,
    Path root,
    String otelVersion,
    String elasticVersion,
    String command) {

  static final String USAGE =
      "usage: StartupHarness [--rounds N] [--app spring|sample] [--by-family true|false]"
          + " [--others true|false]"
          + " [--otel-version V] [--elastic-version V] [--command TEXT]";

  Path appJar() {
    return app.equals("spring")
        ? root.resolve("benchmarks/spring-app/target/spring-app.jar")
        : root.resolve("sample-app/target/sample-app.jar");
  }

  /**
   * The first request, one that goes through the web framework (and the ORM) and the pool to the
   * database, so the first answer means the application is really up. Both apps serve it.
   */
  String probePath() {
    return "/owners/1";
  }

  Path hourglassJar() {
    return root.resolve("agent/target/hourglass-agent.jar");
  }

  Path otelJar() {
    return HarnessInputs.otelJar(root, otelVersion);
  }

  Path elasticJar() {
    return HarnessInputs.elasticJar(root, elasticVersion);
  }

  Path logs() {
    return root.resolve("benchmarks/target/startup-logs");
  }

  Path results() {
    return root.resolve("benchmarks/results");
  }

  /** Fails with the missing files and how to produce them. */
  void checkInputs() {
    String buildApp =
        app.equals("spring")
            ? "(cd benchmarks/spring-app && mvn -B -q package -DskipTests)"
            : "mvn -B -q -pl sample-app -am package -DskipTests";
    new HarnessInputs()
        .require(appJar(), buildApp)
        .require(hourglassJar(), "mvn -B -q -pl agent -am package -DskipTests")
        .require(otelJar(), "benchmarks/run-startup.sh downloads it")
        .require(elasticJar(), "benchmarks/run-startup.sh downloads it")
        .check();
  }

  static StartupOptions parse(String[] args) {
    int rounds = 10;
    String app = "spring";
    boolean byFamily = false;
    boolean others = true;
    String otel = "2.33.1";
    String elastic = "1.55.1";
    String command = "StartupHarness " + String.join(" ", args);
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + name + "\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--rounds" -> rounds = HarnessInputs.positive(name, value);
        case "--app" -> app = oneOf(name, value, "spring", "sample");
        case "--by-family" -> byFamily = Boolean.parseBoolean(oneOf(name, value, "true", "false"));
        case "--others" -> others = Boolean.parseBoolean(oneOf(name, value, "true", "false"));
        case "--otel-version" -> otel = value;
        case "--elastic-version" -> elastic = value;
        case "--command" -> command = value;
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    return new StartupOptions(
        rounds, app, byFamily, others, Path.of("").toAbsolutePath(), otel, elastic, command);
  }

  private static String oneOf(String name, String value, String... valid) {
    if (List.of(valid).contains(value)) {
      return value;
    }
    throw new IllegalArgumentException(
        name + " must be one of " + String.join(", ", valid) + ", got '" + value + "'");
  }
}
