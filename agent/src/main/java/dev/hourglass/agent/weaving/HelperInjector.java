package dev.hourglass.agent.weaving;

import dev.hourglass.bootstrap.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Defines helper classes (those that woven code calls and that need the library's types, such as an
 * {@code AsyncListener}) in the class loader of each woven type, once per loader.
 *
 * <p>Thread-safe: classes load, and so get woven, on many threads at once.
 */
final class HelperInjector {
  private final ClassLoader agentLoader;
  private final Instrumentation instrumentation;
  private final Map<ClassLoader, Set<String>> injected = new WeakHashMap<>();
  private final Object lock = new Object();
  private Method defineClass; // guarded by lock

  HelperInjector(ClassLoader agentLoader, Instrumentation instrumentation) {
    this.agentLoader = agentLoader;
    this.instrumentation = instrumentation;
  }

  void inject(ClassLoader target, List<String> classNames) {
    if (classNames.isEmpty() || target == null) {
      return; // the bootstrap loader gets no helpers: JDK-only instrumentations need none
    }
    synchronized (lock) {
      Set<String> done = injected.computeIfAbsent(target, loader -> new HashSet<>());
      for (String name : classNames) {
        if (done.add(name)) {
          define(target, name);
        }
      }
    }
  }

  private void define(ClassLoader target, String name) {
    try (InputStream in = agentLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new IOException("not in the agent jar");
      }
      byte[] bytes = in.readAllBytes();
      if (defineClass == null) {
        JavaBaseAccess.open(instrumentation);
        defineClass = JavaBaseAccess.classLoaderDefineClass();
      }
      defineClass.invoke(target, name, bytes, 0, bytes.length, null);
    } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
      if (cause instanceof LinkageError && String.valueOf(cause.getMessage()).contains("duplicate")) {
        return; // already there: defined by an earlier agent instance or a racing weave
      }
      AgentLog.warnOnce(
          "helper-" + name, "could not define helper " + name + ": " + AgentLog.describe(cause));
    }
  }
}
