package dev.hourglass.instrumentation.cache.spring;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.cache.CacheInstrumentation;
import java.util.concurrent.Callable;

/**
 * Lookups on every implementation of Spring's cache abstraction ({@code ConcurrentMapCache}, {@code
 * CaffeineCache}, {@code JCacheCache}, Redis, decorators, the application's own): {@code get(key)},
 * {@code get(key, Class)}, {@code get(key, Callable)} and {@code retrieve(key)}. {@code @Cacheable}
 * reaches them through {@code CacheInterceptor}, so its lookups count under the application's cache
 * name, and the store underneath (Caffeine, JCache, Ehcache) is not counted again.
 */
public final class SpringCacheInstrumentation extends CacheInstrumentation {

  public SpringCacheInstrumentation() {
    super("org.springframework.cache.Cache");
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    lookup(
        sink,
        concrete()
            .and(
                named("get")
                    .and(takesArguments(1).or(takesArguments(2).and(takesArgument(1, Class.class))))
                    .or(named("retrieve").and(takesArguments(1)))),
        VALUE_EXIT);
    sink.apply(
        concrete().and(named("get")).and(takesArguments(2)).and(takesArgument(1, Callable.class)),
        "dev.hourglass.instrumentation.cache.spring.SpringCacheAdvice$LoadAdvice");
  }
}
