package dev.hourglass.agent.cache;

import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The Caches table, rebuilt from each interval snapshot: per cache name, the last interval's
 * lookups, hit share, misses and load p95, and the hit share of the last {@value #TREND}
 * intervals. At most {@value #ROWS} caches are shown, the busiest first.
 *
 * <p>Written by the interval clock's thread, read by HTTP threads: each interval publishes a new
 * immutable list through a volatile field.
 */
final class CacheTable implements SnapshotConsumer, CachesView {
  static final int TREND = 30;
  static final int ROWS = 100;

  /** Per cache name, hits and misses of the recent intervals; clock thread only. */
  private final Map<String, Deque<long[]>> recent = new LinkedHashMap<>();
  private volatile List<CacheRow> rows = List.of();

  @Override
  public List<CacheRow> caches() {
    return rows;
  }

  @Override
  public void accept(IntervalSnapshot snapshot) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (CounterPoint point : snapshot.counters()) {
      if (point.instrument().name().equals(MetricNames.CACHE_REQUESTS)) {
        long[] hitsAndMisses =
            counts.computeIfAbsent(point.attribute(AttributeKeys.CACHE_NAME.name()), k -> new long[2]);
        boolean hit = "hit".equals(point.attribute(AttributeKeys.CACHE_RESULT.name()));
        hitsAndMisses[hit ? 0 : 1] += point.delta();
      }
    }
    Map<String, Double> loadP95 = new LinkedHashMap<>();
    for (LatencyPoint point : snapshot.latencies()) {
      Histogram interval = point.interval();
      if (point.instrument().name().equals(MetricNames.CACHE_LOAD_DURATION) && interval.getTotalCount() > 0) {
        loadP95.put(
            point.attribute(AttributeKeys.CACHE_NAME.name()), interval.getValueAtPercentile(95) / 1000.0);
      }
    }
    for (String name : counts.keySet()) {
      recent.computeIfAbsent(name, k -> new ArrayDeque<>());
    }
    for (Map.Entry<String, Deque<long[]>> cache : recent.entrySet()) {
      Deque<long[]> trend = cache.getValue();
      trend.addLast(counts.getOrDefault(cache.getKey(), new long[2]));
      if (trend.size() > TREND) {
        trend.removeFirst();
      }
    }
    recent.values().removeIf(trend -> trend.stream().allMatch(c -> c[0] + c[1] == 0));
    rows = build(counts, loadP95, snapshot.seconds());
  }

  private List<CacheRow> build(Map<String, long[]> counts, Map<String, Double> loadP95, double seconds) {
    List<CacheRow> built = new ArrayList<>();
    for (Map.Entry<String, Deque<long[]>> cache : recent.entrySet()) {
      long[] last = counts.getOrDefault(cache.getKey(), new long[2]);
      long lookups = last[0] + last[1];
      List<Double> trend = new ArrayList<>(cache.getValue().size());
      for (long[] interval : cache.getValue()) {
        long all = interval[0] + interval[1];
        trend.add(all == 0 ? Double.NaN : (double) interval[0] / all);
      }
      built.add(
          new CacheRow(
              cache.getKey(),
              seconds > 0 ? lookups / seconds : 0,
              lookups == 0 ? Double.NaN : (double) last[0] / lookups,
              seconds > 0 ? last[1] / seconds : 0,
              loadP95.getOrDefault(cache.getKey(), Double.NaN),
              List.copyOf(trend)));
    }
    built.sort(Comparator.comparingDouble(CacheRow::requestsPerSecond).reversed());
    return List.copyOf(built.size() > ROWS ? built.subList(0, ROWS) : built);
  }
}
