package dev.hourglass.instrumentation.cache.spring;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.Set;
import java.util.concurrent.Callable;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Lookups on every implementation of Spring's cache abstraction ({@code ConcurrentMapCache}, {@code
 * CaffeineCache}, {@code JCacheCache}, Redis, decorators, the application's own): {@code get(key)},
 * {@code get(key, Class)}, {@code get(key, Callable)} and {@code retrieve(key)}. {@code @Cacheable}
 * reaches them through {@code CacheInterceptor}, so its lookups count under the application's cache
 * name, and the store underneath (Caffeine, JCache, Ehcache) is not counted again.
 */
public final class SpringCacheInstrumentation implements TypeInstrumentation {
  private static final String CACHE = "org.springframework.cache.Cache";
  private static final String ADVICE = "dev.hourglass.instrumentation.cache.spring.SpringCacheAdvice";

  @Override
  public Family family() {
    return Family.CACHE;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee(CACHE);
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of(CACHE);
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface());
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(
        isPublic()
            .and(not(isAbstract()))
            .and(
                named("get")
                    .and(takesArguments(1).or(takesArguments(2).and(takesArgument(1, Class.class))))
                    .or(named("retrieve").and(takesArguments(1)))),
        "dev.hourglass.instrumentation.cache.CacheAdvice$LookupAdvice");
    sink.apply(
        isPublic()
            .and(not(isAbstract()))
            .and(named("get"))
            .and(takesArguments(2))
            .and(takesArgument(1, Callable.class)),
        ADVICE + "$LoadAdvice");
  }
}
