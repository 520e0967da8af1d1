package dev.hourglass.instrumentation.cache.ehcache;

import dev.hourglass.bootstrap.CacheCalls;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Advice inlined into Ehcache 3's {@code CacheManager} implementations. */
public final class EhcacheAdvice {
  private EhcacheAdvice() {}

  /** A {@code CacheManager} created or handed out a cache under {@code alias}. */
  public static class NamedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.Argument(0) String alias,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object cache) {
      CacheCalls.named(cache, alias);
    }
  }
}
