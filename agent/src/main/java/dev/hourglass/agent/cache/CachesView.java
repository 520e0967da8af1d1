package dev.hourglass.agent.cache;

import java.util.List;

/**
 * The cache family's caches, shown by the dashboard's Caches table and {@code /api/caches}. Called
 * on HTTP threads: returns a list prepared once per interval.
 */
public interface CachesView {
  CachesView NONE = List::of;

  List<CacheRow> caches();

  /**
   * One cache over the last interval: lookups per second, the share that hit (NaN without
   * lookups), misses per second, the 95th percentile of its load times (NaN without loads), and
   * its hit share in each of the recent intervals, oldest first (NaN where it had no lookups).
   */
  record CacheRow(
      String name,
      double requestsPerSecond,
      double hitRatio,
      double missesPerSecond,
      double p95LoadMillis,
      List<Double> hitRatioTrend) {}
}
