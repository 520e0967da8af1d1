package dev.hourglass.instrumentation.cache;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code load(key)} of the application's read-through loaders: JCache's {@code
 * javax.cache.integration.CacheLoader} and Ehcache 3's {@code CacheLoaderWriter}. Providers call
 * them on the looking-up thread, inside the lookup, so the key they load is that lookup's miss.
 */
public final class CacheLoaderInstrumentation extends CacheInstrumentation {

  private CacheLoaderInstrumentation(String loader) {
    super(loader);
  }

  public static CacheLoaderInstrumentation jcache() {
    return new CacheLoaderInstrumentation("javax.cache.integration.CacheLoader");
  }

  public static CacheLoaderInstrumentation ehcache() {
    return new CacheLoaderInstrumentation("org.ehcache.spi.loaderwriter.CacheLoaderWriter");
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(concrete().and(named("load")).and(takesArguments(1)), LOADER_ADVICE);
  }
}
