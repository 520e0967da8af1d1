package dev.hourglass.agent.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The agent's version, written into {@code version.txt} by the build. */
public final class AgentVersion {
  private static final String VERSION = read();

  private AgentVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = AgentVersion.class.getResourceAsStream("version.txt")) {
      return in == null ? "dev" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "dev";
    }
  }
}
