package dev.hourglass.benchmarks.overhead;

import dev.hourglass.benchmarks.harness.HarnessInputs;
import java.nio.file.Path;

/**
 * Command-line options of the overhead harness. The defaults are ten short rounds rather than a few
 * long ones: ten per-round ratios give a 95 % confidence interval (about 13 minutes on 2 cores).
 * Paths are relative to the repository root.
 */
record HarnessOptions(
    int rounds,
    int warmupSeconds,
    int warmupMaxSeconds,
    int measureSeconds,
    int endpointSeconds,
    int connections,
    int wrkThreads,
    Path root,
    String otelVersion,
    String elasticVersion,
    String command) {

  static final String USAGE =
      "usage: OverheadHarness [--rounds N] [--warmup S] [--warmup-max S] [--duration S] [--endpoint-duration S]"
          + " [--connections C]"
          + " [--wrk-threads T] [--otel-version V] [--elastic-version V] [--command TEXT]";

  Path appJar() {
    return root.resolve("sample-app/target/sample-app.jar");
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

  Path wrkScript() {
    return root.resolve("benchmarks/wrk/mix.lua");
  }

  Path logs() {
    return root.resolve("benchmarks/target/overhead-logs");
  }

  Path results() {
    return root.resolve("benchmarks/results");
  }

  /** Fails with the missing files and how to produce them. */
  void checkInputs() {
    new HarnessInputs()
        .require(appJar(), "mvn -B -q -pl sample-app -am package -DskipTests")
        .require(hourglassJar(), "mvn -B -q -pl agent -am package -DskipTests")
        .require(otelJar(), "benchmarks/run-overhead.sh downloads it")
        .require(elasticJar(), "benchmarks/run-overhead.sh downloads it")
        .require(wrkScript(), "part of the repository")
        .check();
  }

  static HarnessOptions parse(String[] args) {
    int rounds = 10;
    int warmup = 5;
    int warmupMax = 60;
    int duration = 8;
    int endpointSeconds = 4;
    int connections = 8;
    int threads = 1;
    String otel = "2.33.1";
    String elastic = "1.55.1";
    String command = "OverheadHarness " + String.join(" ", args);
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + name + "\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--rounds" -> rounds = HarnessInputs.positive(name, value);
        case "--warmup" -> warmup = HarnessInputs.positive(name, value);
        case "--warmup-max" -> warmupMax = HarnessInputs.positive(name, value);
        case "--duration" -> duration = HarnessInputs.positive(name, value);
        case "--endpoint-duration" -> endpointSeconds = HarnessInputs.positive(name, value);
        case "--connections" -> connections = HarnessInputs.positive(name, value);
        case "--wrk-threads" -> threads = HarnessInputs.positive(name, value);
        case "--otel-version" -> otel = value;
        case "--elastic-version" -> elastic = value;
        case "--command" -> command = value;
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    return new HarnessOptions(
        rounds, warmup, Math.max(warmup, warmupMax), duration, endpointSeconds, connections, threads, Path.of("").toAbsolutePath(), otel, elastic,
        command);
  }
}
