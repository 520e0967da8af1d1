package dev.hourglass.agent.weaving;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Defines the agent-bootstrap classes (stored under {@value #PREFIX} in the agent jar) in the
 * bootstrap class loader, so advice inlined into any class, JDK classes included, can call them.
 *
 * <p>They are defined directly through the JDK's internal {@code Unsafe.defineClass}, opened to the
 * agent with {@link Instrumentation#redefineModule} (no {@code sun.misc.Unsafe}, so JDK 24+ prints
 * no warnings). Appending a jar to the bootstrap search path instead makes the JVM stop using
 * class-data sharing for application classes, which costs start-up time; it is the fallback, and
 * {@code -Dhourglass.bootstrap.mode=jar} forces it (the benchmarks compare both).
 */
public final class BootstrapClasses {
  static final String PREFIX = "boot/";
  private static final String CLASS_SUFFIX = ".classdata";

  private BootstrapClasses() {}

  public static void define(Instrumentation instrumentation, JarFile jar) throws IOException {
    if (isDefined()) {
      return; // a second attach to the same JVM
    }
    Map<String, byte[]> classes = read(jar);
    if (!"jar".equals(System.getProperty("hourglass.bootstrap.mode"))) {
      try {
        defineDirectly(instrumentation, classes);
        return;
      } catch (ReflectiveOperationException | RuntimeException unavailable) {
        // fall through to the jar append, which every JVM supports
      }
    }
    File folder = Files.createTempDirectory("hourglass-boot").toFile();
    folder.deleteOnExit();
    ClassInjector.UsingInstrumentation.of(
            folder, ClassInjector.UsingInstrumentation.Target.BOOTSTRAP, instrumentation)
        .injectRaw(classes);
  }

  private static void defineDirectly(Instrumentation instrumentation, Map<String, byte[]> classes)
      throws ReflectiveOperationException {
    JavaBaseAccess.open(instrumentation);
    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
      JavaBaseAccess.defineInBootstrap(entry.getKey(), entry.getValue());
    }
  }

  private static boolean isDefined() {
    try {
      Class.forName("dev.hourglass.bootstrap.CallDepth", false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static Map<String, byte[]> read(JarFile jar) throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Enumeration<JarEntry> entries = jar.entries();
    while (entries.hasMoreElements()) {
      JarEntry entry = entries.nextElement();
      String name = entry.getName();
      if (name.startsWith(PREFIX) && name.endsWith(CLASS_SUFFIX)) {
        String className =
            name.substring(PREFIX.length(), name.length() - CLASS_SUFFIX.length()).replace('/', '.');
        try (InputStream in = jar.getInputStream(entry)) {
          classes.put(className, in.readAllBytes());
        }
      }
    }
    if (classes.isEmpty()) {
      throw new IOException("the agent jar has no " + PREFIX + " classes");
    }
    return classes;
  }
}
