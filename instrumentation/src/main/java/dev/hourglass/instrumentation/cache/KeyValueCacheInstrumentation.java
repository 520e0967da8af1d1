package dev.hourglass.instrumentation.cache;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Set;

/**
 * Lookups on the key-value cache APIs whose methods read alike: JCache's {@code javax.cache.Cache}
 * (JSR-107, any provider) and Ehcache 3's native {@code org.ehcache.Cache}: {@code get}, {@code
 * getAll(Set)} and {@code containsKey}. Read-through loads are seen by {@link
 * CacheLoaderInstrumentation} or by the provider's own instrumented store.
 */
public final class KeyValueCacheInstrumentation extends CacheInstrumentation {

  private KeyValueCacheInstrumentation(String cacheType) {
    super(cacheType);
  }

  public static KeyValueCacheInstrumentation jcache() {
    return new KeyValueCacheInstrumentation("javax.cache.Cache");
  }

  public static KeyValueCacheInstrumentation ehcache() {
    return new KeyValueCacheInstrumentation("org.ehcache.Cache");
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    lookup(sink, concrete().and(named("get")).and(takesArguments(1)), VALUE_EXIT);
    lookup(sink, concrete().and(named("containsKey")).and(takesArguments(1)), CONTAINS_KEY_EXIT);
    lookup(
        sink,
        concrete().and(named("getAll")).and(takesArguments(1)).and(takesArgument(0, Set.class)),
        BULK_EXIT);
  }
}
