package dev.hourglass.it.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.spi.loaderwriter.CacheLoaderWriter;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCache;

/**
 * Scripted cache lookups with known hits, misses and load times per cache name, run in a child JVM
 * by {@link CacheIT}. Arguments: a file whose creation starts the workload (the agent has woven the
 * libraries by then) and the scenarios to run: {@code caffeine} (Caffeine's own API, whichever
 * version is on the class path), {@code spring}, {@code jcache}, {@code ehcache}, {@code storm N}.
 * Each scenario's expected counts are in {@link CacheIT}; loaders sleep {@value #LOAD_MS} ms.
 */
public final class CacheWorkload {
  static final long LOAD_MS = 40;
  /** Caches whose size the test reads at exit: the agent holds them weakly, so the app holds them. */
  private static final List<Object> KEPT = new java.util.ArrayList<>();

  private CacheWorkload() {}

  public static void main(String[] args) throws Exception {
    Path go = Path.of(args[0]);
    while (!Files.exists(go)) {
      Thread.sleep(20);
    }
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "caffeine" -> caffeine();
        case "spring" -> spring();
        case "jcache" -> jcache();
        case "ehcache" -> ehcache();
        case "storm" -> storm(Integer.parseInt(args[++i]));
        default -> throw new IllegalArgumentException(args[i]);
      }
    }
    System.out.println("workload done");
  }

  /** Named {@code CacheWorkload.manual}, {@code .loading}, {@code .async}: where they are built. */
  static void caffeine() throws Exception {
    Cache<Integer, String> manual = manual();
    KEPT.add(manual);
    manual.getIfPresent(1); // miss
    manual.put(1, "one");
    manual.getIfPresent(1); // hit
    manual.getIfPresent(1); // hit
    manual.get(2, CacheWorkload::slowLoad); // miss, loaded
    manual.get(2, CacheWorkload::slowLoad); // hit
    manual.getAll(List.of(1, 2, 3, 4), CacheWorkload::slowLoadAll); // 2 hits, 2 misses, one load
    // manual: 5 hits, 4 misses, 2 loading lookups

    LoadingCache<Integer, String> loading = loading();
    loading.get(1); // miss, loaded
    loading.get(1); // hit
    loading.getAll(List.of(1, 5, 6)); // 1 hit, 2 misses loaded one by one
    // loading: 2 hits, 3 misses, 2 loading lookups (the second loads 2 keys)

    AsyncCache<Integer, String> async = async();
    async.get(1, CacheWorkload::slowLoad).join(); // miss
    async.get(1, CacheWorkload::slowLoad).join(); // hit
    async.getIfPresent(7); // miss
    // async: 1 hit, 2 misses, no load times

    Cache<Integer, String> evicting = evicting();
    KEPT.add(evicting);
    evicting.getIfPresent(0); // miss: the cache's first lookup registers its size and evictions
    for (int key = 1; key <= 5; key++) {
      evicting.put(key, "value-" + key);
    }
    evicting.cleanUp(); // 3 evicted, 2 left
    System.out.println("caffeine done");
  }

  static Cache<Integer, String> manual() {
    return Caffeine.newBuilder().maximumSize(100).build();
  }

  static LoadingCache<Integer, String> loading() {
    return Caffeine.newBuilder().build(CacheWorkload::slowLoad);
  }

  /** Statistics on, so Caffeine counts evictions; maintenance on this thread, so they are done. */
  static Cache<Integer, String> evicting() {
    return Caffeine.newBuilder().maximumSize(2).recordStats().executor(Runnable::run).build();
  }

  static AsyncCache<Integer, String> async() {
    return Caffeine.newBuilder().buildAsync();
  }

  /**
   * Spring's abstraction over Caffeine ({@code owners}) and over a map ({@code pets}): each 2 hits,
   * 2 misses, 1 load; the Caffeine cache under {@code owners} is not counted again.
   */
  static void spring() throws Exception {
    CaffeineCacheManager manager = new CaffeineCacheManager("owners");
    script(manager.getCache("owners"));
    ConcurrentMapCache pets = new ConcurrentMapCache("pets");
    KEPT.add(pets);
    script(pets);
    CacheableService.run(); // vets: 1 hit, 2 misses through @Cacheable
    System.out.println("spring done");
  }

  private static void script(org.springframework.cache.Cache cache) {
    cache.get(1); // miss
    cache.put(1, "one");
    cache.get(1); // hit
    Callable<String> loader = () -> slowLoad(2);
    cache.get(2, loader); // miss, loaded
    cache.get(2, loader); // hit
  }

  /**
   * JCache through Ehcache's provider, read-through ({@code jcache-owners}): 2 hits, 3 misses, 2
   * loads; the Ehcache cache underneath is not counted again.
   */
  static void jcache() {
    var provider = Caching.getCachingProvider("org.ehcache.jsr107.EhcacheCachingProvider");
    var manager = provider.getCacheManager();
    MutableConfiguration<Integer, String> config =
        new MutableConfiguration<Integer, String>()
            .setTypes(Integer.class, String.class)
            .setReadThrough(true)
            .setCacheLoaderFactory(FactoryBuilder.factoryOf(new SlowJCacheLoader()));
    javax.cache.Cache<Integer, String> cache = manager.createCache("jcache-owners", config);
    cache.get(1); // miss, loaded
    cache.get(1); // hit
    cache.containsKey(2); // miss
    cache.getAll(Set.of(1, 3)); // 1 hit, 1 miss loaded
    manager.close();
    System.out.println("jcache done");
  }

  /** Ehcache's own API: {@code eh-owners} 2 hits, 2 misses; {@code eh-loaded} 1 hit, 1 miss, 1 load. */
  static void ehcache() {
    try (CacheManager manager =
        CacheManagerBuilder.newCacheManagerBuilder()
            .withCache(
                "eh-owners",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                    Integer.class, String.class, ResourcePoolsBuilder.heap(100)))
            .build(true)) {
      org.ehcache.Cache<Integer, String> owners =
          manager.getCache("eh-owners", Integer.class, String.class);
      owners.get(1); // miss
      owners.put(1, "one");
      owners.get(1); // hit
      owners.containsKey(1); // hit
      owners.getAll(Set.of(2)); // miss
      org.ehcache.Cache<Integer, String> loaded =
          manager.createCache(
              "eh-loaded",
              CacheConfigurationBuilder.newCacheConfigurationBuilder(
                      Integer.class, String.class, ResourcePoolsBuilder.heap(100))
                  .withLoaderWriter(new SlowLoaderWriter()));
      loaded.get(1); // miss, loaded
      loaded.get(1); // hit
    }
    System.out.println("ehcache done");
  }

  /** {@code n} caches with distinct names, one lookup each (a miss). */
  static void storm(int n) {
    for (int i = 0; i < n; i++) {
      new ConcurrentMapCache("storm-" + i).get(i);
    }
    System.out.println("storm done");
  }

  static String slowLoad(Integer key) {
    try {
      Thread.sleep(LOAD_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "value-" + key;
  }

  /** Caffeine 2 hands the bulk loader an {@code Iterable}, 3 a {@code Set}: this takes both. */
  static Map<Integer, String> slowLoadAll(Iterable<? extends Integer> keys) {
    slowLoad(0);
    Map<Integer, String> loaded = new java.util.HashMap<>();
    for (Integer key : keys) {
      loaded.put(key, "value-" + key);
    }
    return loaded;
  }

  static final class SlowJCacheLoader implements CacheLoader<Integer, String>, java.io.Serializable {
    @Override
    public String load(Integer key) {
      return slowLoad(key);
    }

    @Override
    public Map<Integer, String> loadAll(Iterable<? extends Integer> keys) {
      Map<Integer, String> loaded = new java.util.HashMap<>();
      for (Integer key : keys) {
        loaded.put(key, load(key));
      }
      return loaded;
    }
  }

  static final class SlowLoaderWriter implements CacheLoaderWriter<Integer, String> {
    @Override
    public String load(Integer key) {
      return slowLoad(key);
    }

    @Override
    public void write(Integer key, String value) {}

    @Override
    public void delete(Integer key) {}
  }
}
