package dev.hourglass.instrumentation.support;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/** Class-loader guards: skip loaders that cannot see a library before matching any of its types. */
public final class ClassLoaderMatchers {
  private ClassLoaderMatchers() {}

  /**
   * Matches class loaders from which {@code className} can be loaded, looking only for its class
   * file so nothing is loaded or initialized. Answers are cached per loader (weakly, so loaders of
   * redeployed applications can be collected).
   */
  public static ElementMatcher<ClassLoader> canSee(String className) {
    String resource = className.replace('.', '/') + ".class";
    return new ElementMatcher<ClassLoader>() {
      private final Map<ClassLoader, Boolean> cache = new WeakHashMap<>();
      private final Object lock = new Object();

      @Override
      public boolean matches(ClassLoader loader) {
        if (loader == null) {
          return ClassLoader.getPlatformClassLoader().getResource(resource) != null;
        }
        synchronized (lock) {
          Boolean known = cache.get(loader);
          if (known == null) {
            known = loader.getResource(resource) != null;
            cache.put(loader, known);
          }
          return known;
        }
      }

      @Override
      public String toString() {
        return "canSee(" + className + ")";
      }
    };
  }
}
