package dev.hourglass.instrumentation.cache;

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
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Lookups on the key-value cache APIs whose methods read alike: JCache's {@code javax.cache.Cache}
 * (JSR-107, any provider) and Ehcache 3's native {@code org.ehcache.Cache}: {@code get}, {@code
 * getAll(Set)} and {@code containsKey}. Read-through loads are seen by {@link
 * CacheLoaderInstrumentation} or by the provider's own instrumented store.
 */
public final class KeyValueCacheInstrumentation implements TypeInstrumentation {
  private static final String ADVICE = "dev.hourglass.instrumentation.cache.CacheAdvice";

  private final String cacheType;

  private KeyValueCacheInstrumentation(String cacheType) {
    this.cacheType = cacheType;
  }

  public static KeyValueCacheInstrumentation jcache() {
    return new KeyValueCacheInstrumentation("javax.cache.Cache");
  }

  public static KeyValueCacheInstrumentation ehcache() {
    return new KeyValueCacheInstrumentation("org.ehcache.Cache");
  }

  @Override
  public Family family() {
    return Family.CACHE;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee(cacheType);
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of(cacheType);
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface());
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(
        isPublic().and(not(isAbstract())).and(named("get")).and(takesArguments(1)),
        ADVICE + "$LookupAdvice");
    sink.apply(
        isPublic().and(not(isAbstract())).and(named("containsKey")).and(takesArguments(1)),
        ADVICE + "$ContainsKeyAdvice");
    sink.apply(
        isPublic()
            .and(not(isAbstract()))
            .and(named("getAll"))
            .and(takesArguments(1))
            .and(takesArgument(0, Set.class)),
        ADVICE + "$BulkAdvice");
  }
}
