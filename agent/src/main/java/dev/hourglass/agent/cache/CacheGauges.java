package dev.hourglass.agent.cache;

import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.GaugeInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.MetricNames;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * What a cache's library tells cheaply, read on the interval clock's thread through the library's
 * public API: {@code hourglass.cache.size} (Caffeine's {@code estimatedSize()}, the map size of
 * Spring's {@code ConcurrentMapCache}, Spring's {@code CaffeineCache} through its Caffeine cache)
 * and {@code hourglass.cache.evictions} (Caffeine's {@code stats().evictionCount()}, when the
 * application turned Caffeine's statistics on).
 *
 * <p>Caches are held weakly: once the application drops one, its gauges report nothing. Registered
 * once per cache object, at its first sight (cold path); thread-safe.
 */
final class CacheGauges {
  private static final String CAFFEINE_CACHE = "com.github.benmanes.caffeine.cache.Cache";
  private static final String SPRING_CACHE = "org.springframework.cache.Cache";

  private final GaugeInstrument size;
  private final CounterInstrument evictions;

  CacheGauges(MetricRegistry registry) {
    this.size =
        registry.gauge(
            MetricNames.CACHE_SIZE, "Entries in the cache (an estimate)", "{entry}", AttributeKeys.CACHE_NAME);
    this.evictions =
        registry.counter(
            MetricNames.CACHE_EVICTIONS,
            "Entries the cache evicted, as its library counts them",
            "{entry}",
            AttributeKeys.CACHE_NAME);
  }

  void track(Object cache, String name) {
    try {
      Object store = nativeCache(cache);
      Class<?> caffeine = api(store, CAFFEINE_CACHE);
      if (caffeine != null) {
        trackCaffeine(store, caffeine, name);
      } else if (store instanceof Map<?, ?>) {
        WeakReference<Object> ref = new WeakReference<>(store);
        size.series(name).track(() -> ref.get() instanceof Map<?, ?> map ? map.size() : Double.NaN);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // nothing cheap to read for this cache
    }
  }

  /** Spring's caches hand out what they store in ({@code getNativeCache()}); others are their own. */
  private static Object nativeCache(Object cache) throws ReflectiveOperationException {
    Class<?> spring = api(cache, SPRING_CACHE);
    return spring == null ? cache : spring.getMethod("getNativeCache").invoke(cache);
  }

  private void trackCaffeine(Object cache, Class<?> api, String name)
      throws ReflectiveOperationException {
    WeakReference<Object> ref = new WeakReference<>(cache);
    Method estimatedSize = api.getMethod("estimatedSize");
    size.series(name).track(read(ref, estimatedSize, null));
    Method policy = api.getMethod("policy");
    Object currentPolicy = policy.invoke(cache);
    Method recording = policy.getReturnType().getMethod("isRecordingStats");
    if (Boolean.TRUE.equals(recording.invoke(currentPolicy))) {
      Method stats = api.getMethod("stats");
      Method evictionCount = stats.getReturnType().getMethod("evictionCount");
      DoubleSupplier count = read(ref, stats, evictionCount);
      // A counter's total must never go back: once the cache is gone, its last count stays.
      long[] last = new long[1];
      evictions
          .series(name)
          .trackTotal(
              () -> {
                double now = count.getAsDouble();
                if (!Double.isNaN(now) && now > last[0]) {
                  last[0] = (long) now;
                }
                return last[0];
              });
    }
  }

  /** {@code first} (then {@code second} on its result, if given) of the cache, NaN once it is gone. */
  private static DoubleSupplier read(WeakReference<Object> ref, Method first, Method second) {
    return () -> {
      Object cache = ref.get();
      if (cache == null) {
        return Double.NaN;
      }
      try {
        Object value = first.invoke(cache);
        if (second != null) {
          value = second.invoke(value);
        }
        return ((Number) value).doubleValue();
      } catch (ReflectiveOperationException | RuntimeException e) {
        return Double.NaN;
      }
    };
  }

  /** The public interface {@code name} as {@code object}'s class loader sees it, if it implements it. */
  private static Class<?> api(Object object, String name) {
    if (object == null) {
      return null;
    }
    try {
      Class<?> api = Class.forName(name, false, object.getClass().getClassLoader());
      return api.isInstance(object) ? api : null;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
