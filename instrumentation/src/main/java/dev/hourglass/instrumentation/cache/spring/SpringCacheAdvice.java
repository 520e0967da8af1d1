package dev.hourglass.instrumentation.cache.spring;

import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.bootstrap.CacheScope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into implementations of Spring's {@code org.springframework.cache.Cache} for the
 * lookup with a value loader; the others take the shared {@link
 * dev.hourglass.instrumentation.cache.CacheAdvice.LookupExit}.
 */
public final class SpringCacheAdvice {
  private SpringCacheAdvice() {}

  /** {@code get(key, Callable valueLoader)}: a miss is the loader running. */
  public static class LoadAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CacheScope onEnter(
        @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object valueLoader) {
      CacheScope scope = CacheCalls.enter();
      valueLoader = CacheCalls.callableFor(scope, valueLoader);
      return scope;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object cache,
        @Advice.Enter CacheScope scope,
        @Advice.Thrown Throwable thrown) {
      CacheCalls.exit(scope, cache, true, thrown);
    }
  }
}
