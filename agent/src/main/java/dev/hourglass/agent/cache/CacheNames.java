package dev.hourglass.agent.cache;

import java.util.List;
import java.util.Optional;

/**
 * What a cache is called in {@code cache.name}: the name the application gave it where the library
 * has one (Spring's and JCache's {@code getName()}, an Ehcache alias), else the application code
 * that built it (Caffeine's caches have no name): {@code OwnerService} when built in a constructor
 * or static initializer, {@code OwnerService.ownersCache} when built in that method.
 *
 * <p>Cold path: called once per cache object. Never throws; without any name, a cache is {@code
 * cache}.
 */
final class CacheNames {
  /** Frames of these packages are the libraries and the JDK, never the code that named a cache. */
  private static final List<String> LIBRARY_PACKAGES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "dev.hourglass.agent.",
          "dev.hourglass.bootstrap.",
          "dev.hourglass.shaded.",
          "com.github.benmanes.caffeine.",
          "org.springframework.",
          "org.ehcache.",
          "org.jsr107.",
          "kotlin.");

  private CacheNames() {}

  /** The APIs whose caches say their name: Spring's abstraction and JCache. */
  private static final List<String> NAMED_APIS =
      List.of("org.springframework.cache.Cache", "javax.cache.Cache");

  /** The name {@code cache} gives itself through a named API it implements, or null. */
  static String declared(Object cache) {
    for (String type : NAMED_APIS) {
      try {
        Class<?> api = Class.forName(type, false, cache.getClass().getClassLoader());
        if (api.isInstance(cache)) {
          Object name = api.getMethod("getName").invoke(cache);
          return name == null ? null : name.toString();
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // not this API, or a getName() that throws: the next source of a name
      }
    }
    return null;
  }

  /** The application frame that is calling into the cache library now, as a cache name. */
  static String fromCaller() {
    Optional<StackWalker.StackFrame> frame =
        StackWalker.getInstance()
            .walk(frames -> frames.filter(f -> !isLibrary(f.getClassName())).findFirst());
    return frame.map(CacheNames::nameOf).orElse("cache");
  }

  static String nameOf(StackWalker.StackFrame frame) {
    return nameOf(frame.getClassName(), frame.getMethodName());
  }

  static String nameOf(String className, String methodName) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    int generated = simple.indexOf("$$"); // CGLIB and ByteBuddy subclasses of the application's class
    if (generated > 0) {
      simple = simple.substring(0, generated);
    }
    if (methodName.equals("<init>") || methodName.equals("<clinit>")) {
      return simple;
    }
    if (methodName.startsWith("lambda$")) {
      int end = methodName.indexOf('$', "lambda$".length());
      methodName = methodName.substring("lambda$".length(), end < 0 ? methodName.length() : end);
    }
    return simple + "." + methodName;
  }

  private static boolean isLibrary(String className) {
    for (String prefix : LIBRARY_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
