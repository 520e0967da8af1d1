package dev.hourglass.instrumentation.cache.ehcache;

import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Ehcache 3's caches know no name of their own: the alias a {@code CacheManager} creates or hands
 * out a cache under ({@code createCache(alias, ...)}, {@code getCache(alias, K, V)}) names it.
 */
public final class CacheManagerInstrumentation implements TypeInstrumentation {
  private static final String MANAGER = "org.ehcache.CacheManager";

  @Override
  public Family family() {
    return Family.CACHE;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee(MANAGER);
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of(MANAGER);
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface());
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
