package dev.hourglass.instrumentation.cache.ehcache;

import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.bootstrap.CacheScope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into Ehcache 3's {@code org.ehcache.Cache} implementations; the cache is named
 * by the alias its {@code CacheManager} created or handed it under ({@link
 * CacheManagerInstrumentation}).
 */
public final class EhcacheAdvice {
  private EhcacheAdvice() {}

  /** Ehcache 3 {@code get(key)}. */
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
      CacheCalls.exit(scope, cache, CacheCalls.EHCACHE, value != null, thrown);
    }
  }

  /** Ehcache 3 {@code containsKey(key)}. */
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
      CacheCalls.exit(scope, cache, CacheCalls.EHCACHE, present, thrown);
    }
  }

  /** Ehcache 3 {@code getAll(Set keys)}. */
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
      CacheCalls.exitBulk(scope, cache, CacheCalls.EHCACHE, found, keys, thrown);
    }
  }

  /** A {@code CacheManager} created or handed out a cache under {@code alias}. */
  public static class NamedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.Argument(0) String alias,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object cache) {
      CacheCalls.named(cache, CacheCalls.EHCACHE, alias);
    }
  }
}
