package dev.hourglass.bootstrap;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Entry points that cache advice calls around one lookup (Caffeine, Spring's cache abstraction,
 * JCache, Ehcache 3). The agent installs the {@link Listener} at start-up; until then lookups are
 * not counted.
 *
 * <p>Shape (as {@link JdbcCalls}): enter advice returns {@link #enter}, exit advice hands the result
 * to one of the {@code exit*} methods. Nesting uses the {@link CallDepth#CACHE} depth, so a layer
 * over another (Spring's {@code CaffeineCache} over Caffeine, JCache over Ehcache) is one lookup,
 * counted at the outermost layer under that layer's name.
 *
 * <p>Hit or miss: a lookup whose loader ran is a miss (its keys, and the loader's time, are the
 * load); otherwise a lookup that found a value is a hit and one that found nothing a miss. Loaders
 * are seen by wrapping the loader a call passes ({@link #loaderFor}, {@link #callableFor}, {@link
 * #bulkLoaderFor}) or by the hooks around the application's loader classes ({@link #loadEnter}).
 * While a loader runs the depth is suspended: the lookups it makes are lookups of their own. A
 * lookup that throws without loading counts as nothing.
 *
 * <p>Thread-safe; a hit allocates nothing here.
 */
public final class CacheCalls {
  /** Receives finished lookups and cache names. Implementations must never throw nor block. */
  public interface Listener {
    /**
     * An outermost lookup finished.
     *
     * @param cache the cache object the application called
     * @param loadNanos time its loaders took, or -1 when nothing was loaded or it was not measured
     */
    void onLookup(Object cache, int hits, int misses, long loadNanos);

    /**
     * A cache was built or obtained: {@code name} is what the application called it, or null for a
     * library whose caches have no name (the agent names it after the code that built it).
     */
    void onNamed(Object cache, String name);
  }

  private static volatile Listener listener;

  private CacheCalls() {}

  public static void install(Listener newListener) {
    listener = newListener;
  }

  /** Before a lookup; the scope of an outermost one, or null when nested or not installed. */
  public static CacheScope enter() {
    if (!CallDepth.enter(CallDepth.CACHE) || listener == null) {
      return null;
    }
    return CacheScope.open();
  }

  /** After a lookup of one key: {@code found} is whether it returned a value. */
  public static void exit(
      CacheScope scope, Object cache, boolean found, Throwable thrown) {
    exitOne(scope, cache, found, thrown, true);
  }

  /**
   * After an asynchronous lookup: its loader only started the load, so its time is not the load's.
   */
  public static void exitAsync(
      CacheScope scope, Object cache, boolean found, Throwable thrown) {
    exitOne(scope, cache, found, thrown, false);
  }

  /**
   * After a lookup of several keys: {@code result} is the map of what was found or loaded (its
   * non-null values count); {@code keys} what was asked for, whose size is read only when it is a
   * {@code Collection} (an {@code Iterable} may not let itself be read twice): otherwise only the
   * loaders tell the misses.
   */
  public static void exitBulk(
      CacheScope scope, Object cache, Object result, Object keys, Throwable thrown) {
    if (scope == null) {
      CallDepth.exit(CallDepth.CACHE); // nested: the outermost layer reads the result
      return;
    }
    int requested = -1;
    int returned = 0;
    try {
      // The application's own collections: sizes are all that is read of them.
      requested = keys instanceof Collection ? ((Collection<?>) keys).size() : -1;
      returned = result instanceof Map ? valuesIn((Map<?, ?>) result) : 0;
    } catch (RuntimeException fault) {
      AdviceErrors.record(fault);
    }
    int loaded = scope.misses;
    int hits = Math.max(0, returned - loaded);
    int notFound = requested < 0 ? 0 : Math.max(0, requested - hits - loaded);
    finish(scope, cache, hits, notFound, thrown, true);
  }

  /** Ehcache answers a missing key of {@code getAll} with a null value; the others leave it out. */
  private static int valuesIn(Map<?, ?> result) {
    int values = 0;
    for (Object value : result.values()) {
      if (value != null) {
        values++;
      }
    }
    return values;
  }

  private static void exitOne(
      CacheScope scope, Object cache, boolean found, Throwable thrown, boolean timed) {
    // A loader ran: the lookup is a miss whatever it returned (the loaded value).
    boolean hit = found && (scope == null || scope.misses == 0);
    boolean notFound = !found && (scope == null || scope.misses == 0);
    finish(scope, cache, hit ? 1 : 0, notFound ? 1 : 0, thrown, timed);
  }

  /** Leaves the depth and reports an outermost lookup: its hits, and misses beside the loaded keys. */
  private static void finish(
      CacheScope scope,
      Object cache,
      int hits,
      int notFound,
      Throwable thrown,
      boolean loadTimed) {
    CallDepth.exit(CallDepth.CACHE);
    if (scope == null) {
      return;
    }
    int loaded = scope.misses;
    long loadNanos = loaded > 0 && loadTimed ? scope.loadNanos : -1L;
    scope.close();
    if (thrown != null && loaded == 0) {
      return; // the application got an exception, not a value nor an answer that none exists
    }
    int misses = notFound + loaded;
    RequestContext context = RequestContext.current();
    if (context != null) {
      context.cacheHits += hits;
      context.cacheMisses += misses;
    }
    Listener current = listener;
    if (current != null && cache != null && hits + misses > 0) {
      current.onLookup(cache, hits, misses, loadNanos);
    }
  }

  /** A cache was built or obtained under {@code name} (null: unnamed by its library). */
  public static void named(Object cache, String name) {
    Listener current = listener;
    if (current != null && cache != null) {
      current.onNamed(cache, name);
    }
  }

  /**
   * The loader Caffeine's internal compute path should run: the lookup's scope wrapping {@code
   * function} when an outermost lookup is in progress and no outer layer wrapped its loader yet,
   * else {@code function} itself.
   */
  @SuppressWarnings("unchecked")
  public static Object loaderFor(Object function) {
    CacheScope scope = CacheScope.current();
    if (scope == null
        || scope.wrapped
        || scope.loading
        || scope.owns(function)
        || !(function instanceof Function)) {
      return function;
    }
    return scope.wrapping((Function<Object, Object>) function);
  }

  /** As {@link #loaderFor}, for a loader of a set of keys that returns a map. */
  @SuppressWarnings("unchecked")
  public static Object bulkLoaderFor(Object function) {
    CacheScope scope = CacheScope.current();
    if (scope == null
        || scope.wrapped
        || scope.loading
        || scope.owns(function)
        || !(function instanceof Function)) {
      return function;
    }
    return scope.wrappingBulk((Function<Object, Object>) function);
  }

  /** As {@link #loaderFor}, for a {@code Callable} loader given to an arbitrary cache. */
  public static Object callableFor(CacheScope scope, Object callable) {
    if (scope == null || scope.wrapped || !(callable instanceof Callable)) {
      return callable;
    }
    scope.wrapped = true;
    return new CacheScope.TimedCallable(scope, (Callable<?>) callable);
  }

  /**
   * Before the application's loader class runs (a JCache {@code CacheLoader}, an Ehcache {@code
   * CacheLoaderWriter}); the start, or {@link Timing#NOT_TIMED} outside a lookup.
   */
  public static long loadEnter() {
    return loadStart(CacheScope.current());
  }

  /** After it, thrown or not: one key loaded. */
  public static void loadExit(long start) {
    if (start != Timing.NOT_TIMED) {
      loadEnd(CacheScope.current(), start, 1);
    }
  }

  static long loadStart(CacheScope scope) {
    if (scope == null || scope.loading || !scope.isCurrent()) {
      return Timing.NOT_TIMED;
    }
    scope.loading = true;
    scope.suspendedDepth = CallDepth.suspend(CallDepth.CACHE);
    return Timing.start();
  }

  static void loadEnd(CacheScope scope, long start, int keys) {
    if (start == Timing.NOT_TIMED || scope == null) {
      return;
    }
    scope.loadNanos += System.nanoTime() - start;
    scope.misses += keys;
    scope.loading = false;
    CallDepth.resume(CallDepth.CACHE, scope.suspendedDepth);
  }
}
