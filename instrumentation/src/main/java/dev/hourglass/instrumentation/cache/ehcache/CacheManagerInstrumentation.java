package dev.hourglass.instrumentation.cache.ehcache;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.hourglass.instrumentation.cache.CacheInstrumentation;

/**
 * Ehcache 3's caches know no name of their own: the alias a {@code CacheManager} creates or hands
 * out a cache under ({@code createCache(alias, ...)}, {@code getCache(alias, K, V)}) names it.
 */
public final class CacheManagerInstrumentation extends CacheInstrumentation {

  public CacheManagerInstrumentation() {
    super("org.ehcache.CacheManager");
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    // Every overload, private ones included: caches declared in the configuration are created at
    // init() through an internal createCache(alias, ...), not through the public ones.
    sink.apply(
        namedOneOf("createCache", "getCache")
            .and(takesArgument(0, String.class))
            .and(returns(named("org.ehcache.Cache"))),
        "dev.hourglass.instrumentation.cache.ehcache.EhcacheAdvice$NamedAdvice");
  }
}
