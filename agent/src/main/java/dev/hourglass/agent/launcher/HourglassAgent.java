package dev.hourglass.agent.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The agent's entry point ({@code Premain-Class} and {@code Agent-Class}). It is the only agent
 * class the application's class loader can see: it opens an {@link AgentClassLoader} over the jar
 * and hands over to the real installer. Whatever goes wrong, the application starts: a failure is
 * one line on standard error.
 */
public final class HourglassAgent {
  private static final String INSTALLER = "dev.hourglass.agent.AgentInstaller";

  // A second start (attached twice, or attached on top of -javaagent) would weave every class twice
  // and run a second clock and exporter beside the first. Guarded by the class lock.
  private static boolean running;

  private HourglassAgent() {}

  public static void premain(String args, Instrumentation instrumentation) {
    start(args, instrumentation, false);
  }

  public static void agentmain(String args, Instrumentation instrumentation) {
    start(args, instrumentation, true);
  }

  private static synchronized void start(String args, Instrumentation instrumentation, boolean attached) {
    if (running) {
      System.err.println(
          "[hourglass] WARN already running in this JVM: this "
              + (attached ? "attach" : "start")
              + " changes nothing (its settings are ignored)");
      return;
    }
    try {
      URL location = HourglassAgent.class.getProtectionDomain().getCodeSource().getLocation();
      File jarFile = new File(location.toURI());
      JarFile jar = new JarFile(jarFile, false);
      ClassLoader agentLoader = new AgentClassLoader(jar, jarFile.toURI().toURL());
      Class<?> installer = Class.forName(INSTALLER, true, agentLoader);
      Method install =
          installer.getMethod("install", Instrumentation.class, String.class, JarFile.class, boolean.class);
      running = Boolean.TRUE.equals(install.invoke(null, instrumentation, args, jar, attached));
    } catch (Throwable failure) {
      Throwable cause = failure instanceof java.lang.reflect.InvocationTargetException ? failure.getCause() : failure;
      System.err.println(
          "[hourglass] ERROR the agent did not start and the application runs without it: " + cause);
    }
  }
}
