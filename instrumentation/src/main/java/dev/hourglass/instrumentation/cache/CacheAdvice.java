package dev.hourglass.instrumentation.cache;

import dev.hourglass.bootstrap.CacheCalls;
import net.bytebuddy.asm.Advice;

/**
 * Advice every cache library shares: the hook around the application's loader classes, whose key
 * is the miss of the lookup that made it load.
 */
public final class CacheAdvice {
  private CacheAdvice() {}

  /** Around a library's loader class ({@code load(key)}): the key it loads is the lookup's miss. */
  public static class LoaderAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      return CacheCalls.loadEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter long start) {
      CacheCalls.loadExit(start);
    }
  }
}
