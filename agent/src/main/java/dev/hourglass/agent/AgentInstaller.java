package dev.hourglass.agent;

import dev.hourglass.agent.weaving.BootstrapClasses;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Called by the launcher inside the agent's isolated class loader. Defines the bootstrap classes
 * first: everything else refers to them, so {@link Agent} is only touched afterwards.
 */
public final class AgentInstaller {
  private AgentInstaller() {}

  /** Returns whether the agent now runs (false when configuration disabled it). */
  public static boolean install(
      Instrumentation instrumentation, String args, JarFile jar, boolean attached) throws Exception {
    BootstrapClasses.define(instrumentation, jar);
    return Agent.start(instrumentation, args, attached);
  }
}
