package dev.hourglass.instrumentation.cache.ehcache;

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
 * Lookups on Ehcache 3's native {@code org.ehcache.Cache}: {@code get}, {@code getAll(Set)} and
 * {@code containsKey}; loads through a {@code CacheLoaderWriter} are seen by {@link
 * dev.hourglass.instrumentation.cache.CacheLoaderInstrumentation}.
 */
public final class EhcacheInstrumentation implements TypeInstrumentation {
  static final String CACHE = "org.ehcache.Cache";
  private static final String ADVICE = "dev.hourglass.instrumentation.cache.ehcache.EhcacheAdvice";

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
        isPublic().and(not(isAbstract())).and(named("get")).and(takesArguments(1)),
        ADVICE + "$GetAdvice");
    sink.apply(
        isPublic().and(not(isAbstract())).and(named("containsKey")).and(takesArguments(1)),
        ADVICE + "$ContainsKeyAdvice");
    sink.apply(
        isPublic()
            .and(not(isAbstract()))
            .and(named("getAll"))
            .and(takesArguments(1))
            .and(takesArgument(0, Set.class)),
        ADVICE + "$GetAllAdvice");
  }
}
