package dev.hourglass.agent.web.state;

import dev.hourglass.exporter.snapshot.CounterPoint;
import dev.hourglass.exporter.snapshot.InstrumentDescriptor;
import dev.hourglass.exporter.snapshot.IntervalSnapshot;
import dev.hourglass.exporter.snapshot.LatencyPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Turns a snapshot into an {@link IntervalSummary}: reads every series' quantiles and merges
 * histograms per metric and per server route. The merge targets are reused every interval, so a
 * summary allocates only its result. Not thread-safe: the clock thread alone calls {@link #build}.
 */
final class SummaryBuilder {
  static final String SERVER_METRIC = "http.server.request.duration";
  private static final String ERROR_TYPE = "error.type";

  private final Map<String, Histogram> metricMerges = new HashMap<>();
  private final Histogram routeMerge = new Histogram(3);
  private Map<String, Long> errorLastSeen = new HashMap<>();

  IntervalSummary build(IntervalSnapshot snapshot, RuntimeSample runtime) {
    double seconds = snapshot.seconds();
    long endMillis = snapshot.endEpochNanos() / 1_000_000;
    List<SeriesRow> series = new ArrayList<>(snapshot.latencies().size());
    Map<String, List<LatencyPoint>> routeGroups = new TreeMap<>();
    Map<String, long[]> metricErrors = new LinkedHashMap<>();
    List<ErrorRow> errors = new ArrayList<>();
    Map<String, Long> errorSeen = new HashMap<>();
    metricMerges.values().forEach(Histogram::reset);

    for (LatencyPoint point : snapshot.latencies()) {
      InstrumentDescriptor instrument = point.instrument();
      Histogram interval = point.interval();
      boolean failed = !errorType(point).isEmpty();
      long intervalErrors = failed ? interval.getTotalCount() : 0;
      series.add(
          new SeriesRow(
              instrument.name(),
              attributes(point),
              LatencyStats.of(interval, intervalErrors, seconds),
              total(point)));
      metricMerges.computeIfAbsent(instrument.name(), name -> new Histogram(3)).add(interval);
      metricErrors.computeIfAbsent(instrument.name(), name -> new long[1])[0] += intervalErrors;
      if (instrument.name().equals(SERVER_METRIC)) {
        String id = RouteRow.id(point.attributeValues().get(0), point.attributeValues().get(1));
        routeGroups.computeIfAbsent(id, key -> new ArrayList<>()).add(point);
      }
      if (failed) {
        errors.add(errorRow(point, endMillis, errorSeen));
      }
    }
    errorLastSeen = errorSeen;

    Map<String, LatencyStats> totals = new LinkedHashMap<>();
    metricErrors.forEach(
        (metric, errorCount) ->
            totals.put(metric, LatencyStats.of(metricMerges.get(metric), errorCount[0], seconds)));
    List<RouteRow> routes = new ArrayList<>(routeGroups.size());
    routeGroups.forEach((id, points) -> routes.add(route(id, points, seconds)));
    return new IntervalSummary(
        snapshot.sequence(),
        snapshot.startEpochNanos() / 1_000_000,
        endMillis,
        seconds,
        totals,
        routes,
        series,
        errors,
        counterTotals(snapshot),
        runtime);
  }

  private RouteRow route(String id, List<LatencyPoint> points, double seconds) {
    LatencyPoint first = points.get(0);
    TotalStats total = new TotalStats(0, 0, 0);
    long errors = 0;
    Histogram merged;
    if (points.size() == 1) {
      merged = first.interval();
    } else {
      routeMerge.reset();
      for (LatencyPoint point : points) {
        routeMerge.add(point.interval());
      }
      merged = routeMerge;
    }
    for (LatencyPoint point : points) {
      total = total.plus(total(point));
      if (!errorType(point).isEmpty()) {
        errors += point.interval().getTotalCount();
      }
    }
    return new RouteRow(
        id,
        first.attributeValues().get(0),
        first.attributeValues().get(1),
        LatencyStats.of(merged, errors, seconds),
        total);
  }

  private ErrorRow errorRow(LatencyPoint point, long endMillis, Map<String, Long> errorSeen) {
    String key = point.instrument().name() + point.attributeValues();
    long intervalCount = point.interval().getTotalCount();
    long lastSeen = intervalCount > 0 ? endMillis : errorLastSeen.getOrDefault(key, 0L);
    errorSeen.put(key, lastSeen);
    return new ErrorRow(
        point.instrument().name(),
        errorType(point),
        attributes(point),
        intervalCount,
        point.cumulativeCount(),
        lastSeen);
  }

  private static TotalStats total(LatencyPoint point) {
    long count = point.cumulativeCount();
    return new TotalStats(
        count, errorType(point).isEmpty() ? 0 : count, point.cumulativeSumSeconds());
  }

  private static String errorType(LatencyPoint point) {
    int index = point.instrument().attributeNames().indexOf(ERROR_TYPE);
    return index < 0 ? "" : point.attributeValues().get(index);
  }

  /** Attribute name to value, in the instrument's order, without the empty (absent) ones. */
  private static Map<String, String> attributes(LatencyPoint point) {
    Map<String, String> attributes = new LinkedHashMap<>();
    List<String> names = point.instrument().attributeNames();
    for (int i = 0; i < names.size(); i++) {
      String value = point.attributeValues().get(i);
      if (!value.isEmpty()) {
        attributes.put(names.get(i), value);
      }
    }
    return attributes;
  }

  private static Map<String, Long> counterTotals(IntervalSnapshot snapshot) {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (CounterPoint point : snapshot.counters()) {
      totals.merge(point.instrument().name(), point.total(), Long::sum);
    }
    return totals;
  }
}
