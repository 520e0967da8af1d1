package dev.hourglass.instrumentation.cache.caffeine;

import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.bootstrap.CacheScope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into Caffeine (2.x and 3.x) beside the shared lookup advice ({@link
 * dev.hourglass.instrumentation.cache.CacheAdvice}): naming at build time, the bulk loader, async
 * lookups, and the internal compute path that hands the lookup's loader to {@link CacheCalls}
 * ({@link ComputeAdvice}), which is how a {@code get} that loaded is told from one that hit.
 */
public final class CaffeineAdvice {
  private CaffeineAdvice() {}

  /** {@code Caffeine.build(...)}, {@code buildAsync(...)}: the new cache is named here. */
  public static class BuiltAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) Object cache) {
      CacheCalls.named(cache, null);
    }
  }

  /**
   * {@code getAll(keys, loader)}: as {@link
   * dev.hourglass.instrumentation.cache.CacheAdvice.BulkExit}, and the loader of the missing keys is
   * seen.
   */
  public static class BulkLoadAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CacheScope onEnter(
        @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object loader) {
      CacheScope scope = CacheCalls.enter();
      loader = CacheCalls.bulkLoaderFor(loader);
      return scope;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object cache,
        @Advice.Enter CacheScope scope,
        @Advice.Argument(0) Object keys,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object found,
        @Advice.Thrown Throwable thrown) {
      CacheCalls.exitBulk(scope, cache, found, keys, thrown);
    }
  }

  /**
   * An asynchronous cache's (or its synchronous view's) {@code getIfPresent} and {@code get}, after
   * the shared {@link dev.hourglass.instrumentation.cache.CacheAdvice.LookupEnter}: its loader only
   * starts the load, so hits and misses are counted and load time is not.
   */
  public static class AsyncLookupExit {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object cache,
        @Advice.Enter CacheScope scope,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object value,
        @Advice.Thrown Throwable thrown) {
      CacheCalls.exitAsync(scope, cache, value != null, thrown);
    }
  }

  /**
   * {@code computeIfAbsent(key, function, recordStats, recordLoad)} of Caffeine's two cache
   * implementations, which every loading lookup goes through: the function runs on this thread,
   * inside the lookup, and only when the key must be loaded.
   */
  public static class ComputeAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object function) {
      function = CacheCalls.loaderFor(function);
    }
  }
}
