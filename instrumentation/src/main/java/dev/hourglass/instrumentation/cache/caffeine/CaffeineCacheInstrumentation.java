package dev.hourglass.instrumentation.cache.caffeine;

import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.cache.CacheInstrumentation;
import java.util.Set;
import java.util.function.Function;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Lookups on Caffeine's own cache facades: {@code getIfPresent}, {@code get} with a loader, {@code
 * LoadingCache.get} and {@code getAll}, for synchronous caches ({@link #synchronous()}) and for
 * asynchronous ones and their synchronous views ({@link #asynchronous()}). Caffeine implements most
 * of them as default methods of its package-private interfaces ({@code LocalManualCache}...), so
 * those are woven too; the application's own {@code Cache} implementations are not.
 */
public final class CaffeineCacheInstrumentation extends CacheInstrumentation {
  private static final String PACKAGE = "com.github.benmanes.caffeine.cache.";
  private static final String ADVICE = "dev.hourglass.instrumentation.cache.caffeine.CaffeineAdvice";

  private final boolean async;

  private CaffeineCacheInstrumentation(boolean async, Set<String> superTypeNames) {
    super(CaffeineBuilderInstrumentation.BUILDER, superTypeNames);
    this.async = async;
  }

  public static CaffeineCacheInstrumentation synchronous() {
    return new CaffeineCacheInstrumentation(false, Set.of(PACKAGE + "Cache"));
  }

  /** Async caches, and the synchronous views of them ({@code synchronous()}), whose names say Async. */
  public static CaffeineCacheInstrumentation asynchronous() {
    return new CaffeineCacheInstrumentation(
        true, Set.of(PACKAGE + "AsyncCache", PACKAGE + "Cache"));
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return async
        ? nameStartsWith(PACKAGE).and(nameContains("Async"))
        : nameStartsWith(PACKAGE).and(not(nameContains("Async")));
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    ElementMatcher.Junction<MethodDescription> getIfPresent =
        named("getIfPresent").and(takesArguments(1));
    // get(key) of a loading cache, get(key, Function) and the async get(key, BiFunction)
    ElementMatcher.Junction<MethodDescription> get =
        named("get").and(takesArguments(1).or(takesArguments(2)));
    if (async) {
      lookup(sink, concrete().and(getIfPresent.or(get)), ADVICE + "$AsyncLookupExit");
      return;
    }
    lookup(sink, concrete().and(getIfPresent.or(get)), VALUE_EXIT);
    lookup(sink, concrete().and(named("getAll")).and(takesArguments(1)), BULK_EXIT);
    sink.apply(
        concrete().and(named("getAll")).and(takesArguments(2)).and(takesArgument(1, Function.class)),
        ADVICE + "$BulkLoadAdvice");
  }
}
