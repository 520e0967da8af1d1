package dev.hourglass.agent.cache;

import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.CounterSeries;
import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.LatencySeries;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.util.WeakIdentityMap;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.MetricNames;

/**
 * Records finished cache lookups into {@code hourglass.cache.requests} by {@code cache.name} and
 * {@code result} ({@code hit}/{@code miss}) and the time their loaders took into {@code
 * hourglass.cache.load.duration}. Only names leave the process: keys and values are never read.
 *
 * <p>Each cache object is resolved to its series once (at its first lookup, or when built or
 * obtained under a name) and held weakly, so a dropped cache is not kept alive. Names are capped
 * like every series: past {@code hourglass.series.cap}, new names share {@code _other}.
 *
 * <p>Runs on application threads; thread-safe. A lookup of a known cache allocates nothing. Never
 * throws: a fault is counted as an advice error.
 */
public final class CacheRecorder implements CacheCalls.Listener {
  private final CounterInstrument requests;
  private final LatencyInstrument loads;
  private final CacheGauges gauges;
  /** Names given when a cache was built or obtained, until its first lookup registers it. */
  private final WeakIdentityMap<Object, String> names = new WeakIdentityMap<>(null);
  private final WeakIdentityMap<Object, NamedCache> caches = new WeakIdentityMap<>(null);

  public CacheRecorder(MetricRegistry registry) {
    this.requests =
        registry.counter(
            MetricNames.CACHE_REQUESTS,
            "Cache lookups by result: hit, or miss (not found, or loaded)",
            "{request}",
            AttributeKeys.CACHE_NAME,
            AttributeKeys.CACHE_RESULT);
    this.loads =
        registry.latency(
            MetricNames.CACHE_LOAD_DURATION,
            "Time spent loading the missing entries of one lookup",
            AttributeKeys.CACHE_NAME);
    this.gauges = new CacheGauges(registry);
  }

  /** One cache's series, resolved once. */
  private record NamedCache(CounterSeries hits, CounterSeries misses, LatencySeries loads) {}

  @Override
  public void onLookup(Object cache, int hits, int misses, long loadNanos) {
    try {
      NamedCache named = caches.get(cache);
      if (named == null) {
        named = register(cache);
      }
      if (hits > 0) {
        named.hits().add(hits);
      }
      if (misses > 0) {
        named.misses().add(misses);
      }
      if (loadNanos >= 0) {
        named.loads().recordNanos(loadNanos);
      }
    } catch (RuntimeException | LinkageError fault) {
      AdviceErrors.record(fault);
    }
  }

  @Override
  public void onNamed(Object cache, String name) {
    try {
      if (caches.get(cache) == null) {
        names.put(cache, name != null ? name : CacheNames.fromCaller());
      }
    } catch (RuntimeException | LinkageError fault) {
      AdviceErrors.record(fault);
    }
  }

  /**
   * Registers a cache at its first counted lookup, under the name it was built or obtained with,
   * else the name its API gives it, else the application code making this lookup (a cache built
   * before the agent was woven in). A cache only ever looked up beneath another layer (Caffeine
   * under Spring's {@code CaffeineCache}) is never registered, so it exports nothing of its own.
   */
  private NamedCache register(Object cache) {
    String cacheName = names.remove(cache);
    if (cacheName == null) {
      cacheName = CacheNames.declared(cache);
    }
    if (cacheName == null) {
      cacheName = CacheNames.fromCaller();
    }
    NamedCache named =
        new NamedCache(
            requests.series(cacheName, "hit"),
            requests.series(cacheName, "miss"),
            loads.series(cacheName));
    caches.put(cache, named);
    gauges.track(cache, cacheName);
    return named;
  }
}
