package dev.hourglass.agent.weaving;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * The two JDK internals the agent needs, opened to the agent's own module through {@link
 * Instrumentation#redefineModule} rather than through {@code sun.misc.Unsafe} (which JDK 24+ warns
 * about on the application's console): {@code ClassLoader.defineClass}, to put helper classes next
 * to a library, and {@code jdk.internal.misc.Unsafe.defineClass}, to define classes in the
 * bootstrap loader.
 */
final class JavaBaseAccess {
  private JavaBaseAccess() {}

  static void open(Instrumentation instrumentation) {
    Module javaBase = Object.class.getModule();
    Module agent = JavaBaseAccess.class.getModule();
    instrumentation.redefineModule(
        javaBase,
        Set.of(),
        Map.of(),
        Map.of("java.lang", Set.of(agent), "jdk.internal.misc", Set.of(agent)),
        Set.of(),
        Map.of());
  }

  /** {@code ClassLoader.defineClass(String, byte[], int, int, ProtectionDomain)}, accessible. */
  static Method classLoaderDefineClass() throws ReflectiveOperationException {
    Method method =
        ClassLoader.class.getDeclaredMethod(
            "defineClass", String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
    method.setAccessible(true);
    return method;
  }

  /** Defines a class in the bootstrap class loader. */
  static void defineInBootstrap(String name, byte[] bytes) throws ReflectiveOperationException {
    Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
    Method defineClass =
        unsafeClass.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
    defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
  }
}
