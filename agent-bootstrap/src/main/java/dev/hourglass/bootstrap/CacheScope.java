package dev.hourglass.bootstrap;

import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One outermost cache lookup in progress on a thread: how many keys its loaders loaded and how long
 * they took. {@link CacheCalls} opens and closes it; the loader hooks add to it.
 *
 * <p>It is also the loader that Caffeine's internal compute path is given in place of the
 * application's ({@link #apply}): Caffeine runs that function on the calling thread, inside the
 * lookup, so a scope reused by its thread is safe there and a hit allocates nothing. Loaders that
 * another library may keep or run elsewhere are wrapped in a {@link TimedCallable} instead.
 *
 * <p>Thread-confined: created, used and closed by one thread. Each thread reuses one instance; a
 * lookup that a loader makes while its thread's instance is in use gets a fresh one.
 */
public final class CacheScope implements Function<Object, Object> {
  private static final ThreadLocal<CacheScope[]> SLOTS =
      new ThreadLocal<CacheScope[]>() {
        @Override
        protected CacheScope[] initialValue() {
          // [0] = the lookup in progress (null outside one), [1] = the thread's reusable instance
          return new CacheScope[2];
        }
      };

  private CacheScope previous;
  private boolean open;
  /** Keys loaded so far by this lookup's loaders. */
  int misses;
  /** Time spent in them. */
  long loadNanos;
  /** A loader is running now: loads it triggers are part of this load, not counted again. */
  boolean loading;
  /** An outer layer already wrapped this lookup's loader: inner layers leave theirs alone. */
  boolean wrapped;
  /** The lookup's depth while its loader runs (the loader's own lookups start at zero). */
  int suspendedDepth;
  private Function<Object, Object> function;
  private Function<Object, Object> bulk;

  private CacheScope() {}

  /** The lookup in progress on this thread, or null. */
  static CacheScope current() {
    return SLOTS.get()[0];
  }

  /** Opens a scope for an outermost lookup and makes it the thread's current one. */
  static CacheScope open() {
    CacheScope[] slots = SLOTS.get();
    CacheScope scope = slots[1];
    if (scope == null || scope.open) {
      scope = new CacheScope();
      if (slots[1] == null) {
        slots[1] = scope;
      }
    }
    scope.previous = slots[0];
    scope.open = true;
    scope.misses = 0;
    scope.loadNanos = 0;
    scope.loading = false;
    scope.wrapped = false;
    slots[0] = scope;
    return scope;
  }

  /** Closes the scope; the lookup that was in progress before it becomes current again. */
  void close() {
    open = false;
    function = null;
    SLOTS.get()[0] = previous;
    previous = null;
  }

  boolean isCurrent() {
    return open && SLOTS.get()[0] == this;
  }

  /**
   * This scope as the loader of one key, running {@code delegate}. Not marked {@link #wrapped}: a
   * bulk lookup that loads key by key hands each key's compute a loader again.
   */
  Function<Object, Object> wrapping(Function<Object, Object> delegate) {
    function = delegate;
    return this;
  }

  /** Whether {@code loader} is already this scope's own. */
  boolean owns(Object loader) {
    return loader == this || (loader != null && loader == bulk);
  }

  /** A loader of a set of keys running {@code delegate}, counting each key it is asked for. */
  Function<Object, Object> wrappingBulk(Function<Object, Object> delegate) {
    function = delegate;
    wrapped = true;
    if (bulk == null) {
      bulk = new BulkLoader(this);
    }
    return bulk;
  }

  @Override
  public Object apply(Object key) {
    Function<Object, Object> delegate = function;
    long start = CacheCalls.loadStart(this);
    try {
      return delegate.apply(key);
    } finally {
      CacheCalls.loadEnd(this, start, 1);
    }
  }

  /** The scope as a loader of the set of keys a bulk lookup did not find. */
  private static final class BulkLoader implements Function<Object, Object> {
    private final CacheScope scope;

    BulkLoader(CacheScope scope) {
      this.scope = scope;
    }

    @Override
    public Object apply(Object keys) {
      Function<Object, Object> delegate = scope.function;
      long start = CacheCalls.loadStart(scope);
      try {
        return delegate.apply(keys);
      } finally {
        CacheCalls.loadEnd(scope, start, keys instanceof Collection ? ((Collection<?>) keys).size() : 1);
      }
    }
  }

  /**
   * A loader given as a {@code Callable} (Spring's {@code Cache.get(key, valueLoader)}), allocated
   * per call because the cache implementation is anyone's: run later, elsewhere, or after the
   * lookup, it simply runs the application's loader.
   */
  static final class TimedCallable implements Callable<Object> {
    private final CacheScope scope;
    private final Callable<?> delegate;

    TimedCallable(CacheScope scope, Callable<?> delegate) {
      this.scope = scope;
      this.delegate = delegate;
    }

    @Override
    public Object call() throws Exception {
      long start = CacheCalls.loadStart(scope);
      try {
        return delegate.call();
      } finally {
        CacheCalls.loadEnd(scope, start, 1);
      }
    }

    /** The application's loader's: Spring names the loader in the exception of a failed load. */
    @Override
    public String toString() {
      return String.valueOf(delegate);
    }
  }
}
