package dev.hourglass.instrumentation.cache.caffeine;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import dev.hourglass.instrumentation.cache.CacheInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Caffeine's caches have no name: each is named when its builder builds it, after the application
 * code that called {@code build} (the agent reads that frame once per cache).
 */
public final class CaffeineBuilderInstrumentation extends CacheInstrumentation {
  static final String BUILDER = "com.github.benmanes.caffeine.cache.Caffeine";

  public CaffeineBuilderInstrumentation() {
    super(BUILDER);
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return named(BUILDER);
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(
        namedOneOf("build", "buildAsync").and(isPublic()),
        "dev.hourglass.instrumentation.cache.caffeine.CaffeineAdvice$BuiltAdvice");
  }
}
