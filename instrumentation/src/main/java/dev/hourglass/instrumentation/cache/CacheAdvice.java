package dev.hourglass.instrumentation.cache;

import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.bootstrap.CacheScope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice every cache library shares: lookups that answer a value or null (Caffeine's {@code
 * getIfPresent} and {@code get}, Spring's {@code get} and {@code retrieve}, JCache's and Ehcache's
 * {@code get}), a boolean ({@code containsKey}) or a map for a set of keys ({@code getAll}), and the
 * hook around the application's loader classes. Counting and nesting happen in {@link CacheCalls}:
 * a layer over another instrumented cache is one lookup, under the outermost layer's name.
 */
public final class CacheAdvice {
  private CacheAdvice() {}

  /**
   * Opens a timed lookup; every lookup exit below (and a library's own, such as Caffeine's async
   * one) takes what it returns.
   */
  public static class LookupEnter {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CacheScope onEnter() {
      return CacheCalls.enter();
    }
  }

  /** A lookup of one key: a value, or null. */
  public static class LookupExit {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object cache,
        @Advice.Enter CacheScope scope,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object value,
        @Advice.Thrown Throwable thrown) {
      CacheCalls.exit(scope, cache, value != null, thrown);
    }
  }

  /** {@code containsKey(key)}. */
  public static class ContainsKeyExit {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object cache,
        @Advice.Enter CacheScope scope,
        @Advice.Return boolean present,
        @Advice.Thrown Throwable thrown) {
      CacheCalls.exit(scope, cache, present, thrown);
    }
  }

  /** {@code getAll(keys)}: the map of what was found or loaded. */
  public static class BulkExit {
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
