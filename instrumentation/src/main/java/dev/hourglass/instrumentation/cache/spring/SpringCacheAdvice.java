package dev.hourglass.instrumentation.cache.spring;

import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.bootstrap.CacheScope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into implementations of Spring's {@code org.springframework.cache.Cache}, which
 * {@code @Cacheable} reaches through {@code CacheInterceptor}: the lookup is counted here, under the
 * cache's Spring name, and the store underneath (Caffeine, JCache, Ehcache) is not counted again.
 */
public final class SpringCacheAdvice {
  private SpringCacheAdvice() {}

  /** {@code get(key)} (a {@code ValueWrapper} or null), {@code get(key, type)}, {@code retrieve(key)}. */
  public static class LookupAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CacheScope onEnter() {
      return CacheCalls.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object cache,
        @Advice.Enter CacheScope scope,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object value,
        @Advice.Thrown Throwable thrown) {
      CacheCalls.exit(scope, cache, CacheCalls.SPRING, value != null, thrown);
    }
  }

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
      CacheCalls.exit(scope, cache, CacheCalls.SPRING, true, thrown);
    }
  }
}
