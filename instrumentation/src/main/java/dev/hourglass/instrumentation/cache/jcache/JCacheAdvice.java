package dev.hourglass.instrumentation.cache.jcache;

import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.bootstrap.CacheScope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into {@code javax.cache.Cache} implementations of any provider. Counting and
 * nesting happen in {@link CacheCalls}: a provider built on another instrumented cache (Caffeine's
 * JCache module, Ehcache's {@code Eh107Cache}) is one lookup, under the JCache name.
 */
public final class JCacheAdvice {
  private JCacheAdvice() {}

  /** JCache {@code get(key)}: a value, or null. */
  public static class GetAdvice {
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
      CacheCalls.exit(scope, cache, CacheCalls.JCACHE, value != null, thrown);
    }
  }

  /** JCache {@code containsKey(key)}. */
  public static class ContainsKeyAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CacheScope onEnter() {
      return CacheCalls.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object cache,
        @Advice.Enter CacheScope scope,
        @Advice.Return boolean present,
        @Advice.Thrown Throwable thrown) {
      CacheCalls.exit(scope, cache, CacheCalls.JCACHE, present, thrown);
    }
  }

  /** JCache {@code getAll(Set keys)}: the map of what was found or loaded. */
  public static class GetAllAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CacheScope onEnter() {
      return CacheCalls.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object cache,
        @Advice.Enter CacheScope scope,
        @Advice.Argument(0) Object keys,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object found,
        @Advice.Thrown Throwable thrown) {
      CacheCalls.exitBulk(scope, cache, CacheCalls.JCACHE, found, keys, thrown);
    }
  }
}
