package dev.hourglass.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.cache.CachesView.CacheRow;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import dev.hourglass.snapshot.MetricNames;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Caches table from interval snapshots: rates, hit share and its trend per cache. */
class CacheTableTest {
  private static final InstrumentDescriptor REQUESTS =
      SnapshotBuilder.instrument(Kind.COUNTER, MetricNames.CACHE_REQUESTS, "cache.name", "result");

  private final CacheTable table = new CacheTable();

  @Test
  void aRowPerCache_busiestFirst_withRatesOverTheInterval() {
    table.accept(
        SnapshotBuilder.interval(1)
            .counter(REQUESTS, List.of("owners", "hit"), 30, 30)
            .counter(REQUESTS, List.of("owners", "miss"), 10, 10)
            .counter(REQUESTS, List.of("pets", "miss"), 5, 5)
            .build());

    List<CacheRow> rows = table.caches();
    assertThat(rows).extracting(CacheRow::name).containsExactly("owners", "pets");
    CacheRow owners = rows.get(0);
    double seconds = SnapshotBuilder.interval(1).build().seconds();
    assertThat(owners.requestsPerSecond()).isEqualTo(40 / seconds);
    assertThat(owners.hitRatio()).isEqualTo(0.75);
    assertThat(owners.missesPerSecond()).isEqualTo(10 / seconds);
    assertThat(owners.p95LoadMillis()).as("no loads").isNaN();
    assertThat(rows.get(1).hitRatio()).isEqualTo(0.0);
  }

  @Test
  void theTrendHoldsEachIntervalsHitShare_withGapsWhereTheCacheWasIdle() {
    table.accept(SnapshotBuilder.interval(1).counter(REQUESTS, List.of("owners", "hit"), 4, 4).build());
    table.accept(SnapshotBuilder.interval(2).build());
    table.accept(
        SnapshotBuilder.interval(3)
            .counter(REQUESTS, List.of("owners", "hit"), 1, 5)
            .counter(REQUESTS, List.of("owners", "miss"), 1, 1)
            .build());

    CacheRow owners = table.caches().get(0);
    assertThat(owners.hitRatioTrend()).hasSize(3);
    assertThat(owners.hitRatioTrend().get(0)).isEqualTo(1.0);
    assertThat(owners.hitRatioTrend().get(1)).isNaN();
    assertThat(owners.hitRatioTrend().get(2)).isEqualTo(0.5);
  }
}
