package dev.hourglass.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the agent jar that child JVMs are started with; the build passes its path as system property. */
public final class AgentJar {

  static final String PROPERTY = "agent.jar";

  private AgentJar() {}

  /**
   * The agent jar named by system property {@value #PROPERTY}.
   *
   * @throws IllegalStateException if the property is unset or the file is missing, saying how to build it
   */
  public static Path require() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException("system property " + PROPERTY + " is not set; run the integration tests"
          + " through Maven (failsafe sets it) or pass -D" + PROPERTY + "=<path to hourglass-agent.jar>");
    }
    return require(Path.of(configured));
  }

  static Path require(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("agent jar " + jar.toAbsolutePath().normalize() + " does not exist;"
          + " build it first, e.g. mvn -B verify from the repository root (the reactor builds agent before"
          + " integration-tests)");
    }
    return jar;
  }
}
