package dev.hourglass.instrumentation.cache.caffeine;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.cache.CacheInstrumentation;
import java.util.Set;
import java.util.function.Function;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The compute path of Caffeine's two cache implementations, {@code computeIfAbsent(key, function,
 * recordStats, recordLoad)} (the same in 2.9 and 3.x): every loading lookup, of a manual, loading or
 * async cache, passes its loader here, and Caffeine calls it on this thread only for a key it must
 * load.
 */
public final class CaffeineComputeInstrumentation extends CacheInstrumentation {
  private static final String BOUNDED = "com.github.benmanes.caffeine.cache.BoundedLocalCache";
  private static final String UNBOUNDED = "com.github.benmanes.caffeine.cache.UnboundedLocalCache";

  public CaffeineComputeInstrumentation() {
    super(CaffeineBuilderInstrumentation.BUILDER, Set.of(BOUNDED, UNBOUNDED));
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return namedOneOf(BOUNDED, UNBOUNDED);
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(
        named("computeIfAbsent")
            .and(takesArguments(4))
            .and(takesArgument(1, Function.class))
            .and(takesArgument(2, boolean.class))
            .and(takesArgument(3, boolean.class)),
        "dev.hourglass.instrumentation.cache.caffeine.CaffeineAdvice$ComputeAdvice");
  }
}
