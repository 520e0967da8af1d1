package dev.hourglass.instrumentation.cache;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code load(key)} of the application's read-through loaders: JCache's {@code
 * javax.cache.integration.CacheLoader} and Ehcache 3's {@code CacheLoaderWriter}. Providers call
 * them on the looking-up thread, inside the lookup, so the key they load is that lookup's miss.
 */
public final class CacheLoaderInstrumentation implements TypeInstrumentation {
  private static final String JCACHE_LOADER = "javax.cache.integration.CacheLoader";
  private static final String EHCACHE_LOADER = "org.ehcache.spi.loaderwriter.CacheLoaderWriter";

  private final String loader;

  private CacheLoaderInstrumentation(String loader) {
    this.loader = loader;
  }

  public static CacheLoaderInstrumentation jcache() {
    return new CacheLoaderInstrumentation(JCACHE_LOADER);
  }

  public static CacheLoaderInstrumentation ehcache() {
    return new CacheLoaderInstrumentation(EHCACHE_LOADER);
  }

  @Override
  public Family family() {
    return Family.CACHE;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee(loader);
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of(loader);
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface());
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(
        isPublic().and(not(isAbstract())).and(named("load")).and(takesArguments(1)),
        "dev.hourglass.instrumentation.cache.CacheAdvice$LoaderAdvice");
  }
}
