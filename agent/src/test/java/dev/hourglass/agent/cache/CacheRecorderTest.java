package dev.hourglass.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.bootstrap.CacheScope;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lookups reported the way woven advice reports them ({@link CacheCalls}) arrive as exact hit and
 * miss counts per cache name, with one load time per lookup that loaded.
 */
class CacheRecorderTest {
  private final MetricRegistry registry = new MetricRegistry(10, 30);
  private final Object owners = new Object();

  @BeforeEach
  void install() {
    CacheCalls.install(new CacheRecorder(registry));
    CacheCalls.named(owners, "owners");
  }

  @AfterEach
  void uninstall() {
    CacheCalls.install(null);
  }

  @Test
  void hitsAndMissesAreCountedPerCacheName() {
    lookUp(owners, true);
    lookUp(owners, true);
    lookUp(owners, false);
    IntervalSnapshot snapshot = collect();
    assertThat(requests(snapshot, "owners", "hit")).isEqualTo(2);
    assertThat(requests(snapshot, "owners", "miss")).isEqualTo(1);
    assertThat(loads(snapshot, "owners")).as("nothing was loaded").isZero();
  }

  @Test
  void aLookupWhoseLoaderRanIsOneMissWithOneLoadTime() {
    CacheScope scope = CacheCalls.enter();
    load(CacheCalls.loaderFor(LOADER));
    CacheCalls.exit(scope, owners, true, null);
    IntervalSnapshot snapshot = collect();
    assertThat(requests(snapshot, "owners", "hit")).isZero();
    assertThat(requests(snapshot, "owners", "miss")).isEqualTo(1);
    assertThat(loads(snapshot, "owners")).isEqualTo(1);
  }

  @Test
  void aLayerOverAnotherIsCountedOnceUnderTheOutermostName() {
    Object spring = new Object();
    CacheCalls.named(spring, "spring-owners");
    CacheScope outer = CacheCalls.enter();
    CacheScope inner = CacheCalls.enter();
    assertThat(inner).isNull();
    CacheCalls.exit(inner, owners, false, null);
    CacheCalls.exit(outer, spring, false, null);
    IntervalSnapshot snapshot = collect();
    assertThat(requests(snapshot, "spring-owners", "miss")).isEqualTo(1);
    assertThat(requests(snapshot, "owners", "miss")).isZero();
  }

  @Test
  void lookupsMadeByALoaderAreLookupsOfTheirOwn() {
    Object pets = new Object();
    CacheCalls.named(pets, "pets");
    CacheScope scope = CacheCalls.enter();
    load(CacheCalls.loaderFor((Function<Object, Object>) key -> {
      lookUp(pets, true);
      return "owner";
    }));
    CacheCalls.exit(scope, owners, true, null);
    IntervalSnapshot snapshot = collect();
    assertThat(requests(snapshot, "owners", "miss")).isEqualTo(1);
    assertThat(requests(snapshot, "pets", "hit")).isEqualTo(1);
  }

  @Test
  void aBulkLookupCountsEachKey() {
    CacheScope scope = CacheCalls.enter();
    @SuppressWarnings("unchecked")
    Function<Object, Object> bulk =
        (Function<Object, Object>) CacheCalls.bulkLoaderFor((Function<Object, Object>) keys -> Map.of());
    bulk.apply(Set.of(3, 4));
    // Keys 1 and 2 found, 3 and 4 loaded, 5 neither (a null value, as Ehcache answers).
    Map<Integer, String> result = new java.util.HashMap<>(Map.of(1, "a", 2, "b", 3, "c", 4, "d"));
    result.put(5, null);
    CacheCalls.exitBulk(scope, owners, result, List.of(1, 2, 3, 4, 5), null);
    IntervalSnapshot snapshot = collect();
    assertThat(requests(snapshot, "owners", "hit")).isEqualTo(2);
    assertThat(requests(snapshot, "owners", "miss")).isEqualTo(3);
  }

  @Test
  void aLookupThatThrewWithoutLoadingCountsAsNothing() {
    CacheScope scope = CacheCalls.enter();
    CacheCalls.exit(scope, owners, false, new IllegalStateException("down"));
    assertThat(collect().counters().stream()
            .filter(point -> point.instrument().name().equals(MetricNames.CACHE_REQUESTS)))
        .isEmpty();
  }

  @Test
  void cacheNamesAreCappedLikeEverySeries() {
    for (int i = 0; i < 100; i++) {
      Object cache = new Object();
      CacheCalls.named(cache, "cache-" + i);
      lookUp(cache, false);
    }
    IntervalSnapshot snapshot = collect();
    List<CounterPoint> points =
        snapshot.counters().stream()
            .filter(point -> point.instrument().name().equals(MetricNames.CACHE_REQUESTS))
            .toList();
    assertThat(points.stream().mapToLong(CounterPoint::delta).sum()).isEqualTo(100);
    assertThat(points).hasSizeLessThanOrEqualTo(11); // the cap of 10, and _other
    assertThat(requests(snapshot, "_other", "_other")).isGreaterThan(0);
  }

  private static final Function<Object, Object> LOADER = key -> "loaded";

  @SuppressWarnings("unchecked")
  private static void load(Object loader) {
    ((Function<Object, Object>) loader).apply("key");
  }

  private static void lookUp(Object cache, boolean found) {
    CacheScope scope = CacheCalls.enter();
    CacheCalls.exit(scope, cache, found, null);
  }

  private IntervalSnapshot collect() {
    return registry.collect(1, 1_000_000_000L, 2_000_000_000L);
  }

  private static long requests(IntervalSnapshot snapshot, String cache, String result) {
    return snapshot.counters().stream()
        .filter(point -> point.instrument().name().equals(MetricNames.CACHE_REQUESTS))
        .filter(point -> point.attributeValues().equals(Arrays.asList(cache, result)))
        .mapToLong(CounterPoint::delta)
        .sum();
  }

  private static long loads(IntervalSnapshot snapshot, String cache) {
    return snapshot.latencies().stream()
        .filter(point -> point.instrument().name().equals(MetricNames.CACHE_LOAD_DURATION))
        .filter(point -> point.attributeValues().equals(List.of(cache)))
        .mapToLong(LatencyPoint::cumulativeCount)
        .sum();
  }
}
