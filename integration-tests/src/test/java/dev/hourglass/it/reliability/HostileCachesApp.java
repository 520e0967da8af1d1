package dev.hourglass.it.reliability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * An application whose caches go wrong in ways of their own making: loaders that throw (Caffeine's
 * {@code get}, {@code LoadingCache.get} and {@code getAll}, Spring's {@code get(key, valueLoader)},
 * a JCache read-through loader), and a Spring cache of its own whose lookups and {@code getName()}
 * throw. Each scenario prints
 * {@code outcome <scenario>: <what the application got>} per round, {@value #ROUNDS} rounds; the
 * same lines must come out with and without the agent.
 *
 * <p>Starts when the file named by its first argument exists, then exits 0.
 */
public final class HostileCachesApp {
  static final int ROUNDS = 3;
  /** Outcome lines per round. */
  static final int SCENARIOS = 8;

  private HostileCachesApp() {}

  public static void main(String[] args) throws Exception {
    StartSignal.await(args[0]);
    Cache<Integer, String> manual = Caffeine.newBuilder().maximumSize(10).build();
    LoadingCache<Integer, String> loading =
        Caffeine.newBuilder()
            .build(
                key -> {
                  throw new IllegalStateException("the loader's own bug for " + key);
                });
    ConcurrentMapCache spring = new ConcurrentMapCache("hostile-spring");
    ThrowingSpringCache own = new ThrowingSpringCache();
    var jcacheManager =
        Caching.getCachingProvider("org.ehcache.jsr107.EhcacheCachingProvider").getCacheManager();
    javax.cache.Cache<Integer, String> jcache =
        jcacheManager.createCache(
            "hostile-jcache",
            new MutableConfiguration<Integer, String>()
                .setTypes(Integer.class, String.class)
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(new ThrowingLoader())));
    for (int round = 0; round < ROUNDS; round++) {
      Outcome.print(
          "caffeine get, loader throws",
          () ->
              manual.get(
                  1,
                  key -> {
                    throw new IllegalArgumentException("no owner " + key);
                  }));
      Outcome.print("caffeine loading get, loader throws", () -> loading.get(2));
      Outcome.print(
          "caffeine getAll, bulk loader throws",
          () -> String.valueOf(manual.getAll(List.of(3, 4), HostileCachesApp::failBulkLoad)));
      Outcome.print(
          "spring get, value loader throws",
          () -> spring.get(5, new FailingLoader()));
      Outcome.print("own spring cache, get throws", () -> String.valueOf(own.get(6)));
      Outcome.print(
          "own spring cache, get(key, loader) throws",
          () -> own.get(7, () -> "never asked"));
      Outcome.print("jcache read-through, loader throws", () -> jcache.get(8));
      Outcome.print("caffeine get, healthy", () -> manual.get(9, key -> "owner " + key));
    }
    jcacheManager.close();
    System.out.println("hostile caches app done");
  }

  private static Map<Integer, String> failBulkLoad(Iterable<? extends Integer> keys) {
    throw new UnsupportedOperationException("no bulk load of " + keys);
  }

  /** A Spring cache of the application's own whose every method throws. */
  static final class ThrowingSpringCache extends AbstractValueAdaptingCache {
    ThrowingSpringCache() {
      super(false);
    }

    @Override
    public String getName() {
      throw new IllegalStateException("this cache will not say its name");
    }

    @Override
    public Object getNativeCache() {
      throw new IllegalStateException("no native cache");
    }

    @Override
    protected Object lookup(Object key) {
      throw new IllegalStateException("the store is down for " + key);
    }

    @Override
    public <T> T get(Object key, Callable<T> valueLoader) {
      throw new IllegalStateException("the store is down, no load of " + key);
    }

    @Override
    public void put(Object key, Object value) {
      throw new IllegalStateException("read-only");
    }

    @Override
    public void evict(Object key) {}

    @Override
    public void clear() {}
  }

  /** Spring names the loader in its exception's message: a stable name keeps runs comparable. */
  static final class FailingLoader implements Callable<String> {
    @Override
    public String call() throws java.io.IOException {
      throw new java.io.IOException("the database is away");
    }

    @Override
    public String toString() {
      return "the owners loader";
    }
  }

  static final class ThrowingLoader implements CacheLoader<Integer, String>, java.io.Serializable {
    @Override
    public String load(Integer key) {
      throw new IllegalStateException("the loader's own bug for " + key);
    }

    @Override
    public Map<Integer, String> loadAll(Iterable<? extends Integer> keys) {
      throw new IllegalStateException("no bulk load");
    }
  }
}
