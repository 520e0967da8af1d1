package dev.hourglass.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the harnesses need on disk (the agents compared, the application jars), and their
 * command-line values, checked with a message that says what is wrong and how to fix it.
 */
public final class HarnessInputs {
  private final List<String> missing = new ArrayList<>();

  /** The OpenTelemetry Java agent as the run scripts download it. */
  public static Path otelJar(Path root, String version) {
    return root.resolve("benchmarks/target/agents/opentelemetry-javaagent-" + version + ".jar");
  }

  /** The Elastic APM agent as the run scripts download it. */
  public static Path elasticJar(Path root, String version) {
    return root.resolve("benchmarks/target/agents/elastic-apm-agent-" + version + ".jar");
  }

  /** Notes {@code file} as missing, with how to produce it, unless it exists. */
  public HarnessInputs require(Path file, String howToGet) {
    if (!Files.isRegularFile(file)) {
      missing.add(file + " (" + howToGet + ")");
    }
    return this;
  }

  /** Fails with every missing file, if any. */
  public void check() {
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing inputs:\n  " + String.join("\n  ", missing));
    }
  }

  public static int positive(String name, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a positive whole number, got '" + value + "'");
  }
}
