package dev.hourglass.agent.web.state;

import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Turns a snapshot into an {@link IntervalSummary}: reads every series' quantiles and merges
 * histograms per metric and per server route, reading each series' histogram once (see {@link
 * SeriesReader}). The flat merge targets are reused every interval. Not thread-safe: the clock
 * thread alone calls {@link #build}.
 */
final class SummaryBuilder {

  private final Map<String, Histogram> metricMerges = new HashMap<>();
  private final Histogram routeMerge = new Histogram(3);
  private Map<String, Long> errorLastSeen = new HashMap<>();

  IntervalSummary build(IntervalSnapshot snapshot, RuntimeSample runtime) {
    double seconds = snapshot.seconds();
    long endMillis = snapshot.endEpochNanos() / 1_000_000;
    List<LatencyPoint> points = snapshot.latencies();
    metricMerges.values().forEach(Histogram::reset);
    Map<String, long[]> metricErrors = new LinkedHashMap<>();
    Map<String, List<Integer>> routeGroups = new TreeMap<>();
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      LatencyPoint point = points.get(i);
      metricMerges.computeIfAbsent(point.instrument().name(), name -> new Histogram(3));
      metricErrors.computeIfAbsent(point.instrument().name(), name -> new long[1]);
      if (point.instrument().name().equals(MetricNames.HTTP_SERVER_REQUEST_DURATION)) {
        String id =
            RouteRow.id(
                point.attribute(AttributeKeys.HTTP_REQUEST_METHOD.name()),
                point.attribute(AttributeKeys.HTTP_ROUTE.name()));
        routeGroups.computeIfAbsent(id, key -> new ArrayList<>()).add(i);
      } else {
        others.add(i);
      }
    }

    // Each series' histogram is read once, feeding its metric's and (if shared) its route's merge.
    SeriesRow[] rows = new SeriesRow[points.size()];
    List<RouteRow> routes = new ArrayList<>(routeGroups.size());
    for (Map.Entry<String, List<Integer>> group : routeGroups.entrySet()) {
      List<Integer> indexes = group.getValue();
      boolean shared = indexes.size() > 1;
      routeMerge.reset();
      for (int index : indexes) {
        rows[index] = seriesRow(points.get(index), seconds, metricErrors, shared);
      }
      routes.add(route(group.getKey(), points, indexes, rows, seconds));
    }
    for (int index : others) {
      rows[index] = seriesRow(points.get(index), seconds, metricErrors, false);
    }

    List<ErrorRow> errors = new ArrayList<>();
    Map<String, Long> errorSeen = new HashMap<>();
    for (LatencyPoint point : points) {
      if (!errorType(point).isEmpty()) {
        errors.add(errorRow(point, endMillis, errorSeen));
      }
    }
    errorLastSeen = errorSeen;

    Map<String, LatencyStats> totals = new LinkedHashMap<>();
    metricErrors.forEach(
        (metric, errorCount) ->
            totals.put(metric, LatencyStats.of(metricMerges.get(metric), errorCount[0], seconds)));
    return new IntervalSummary(
        snapshot.sequence(),
        snapshot.startEpochNanos() / 1_000_000,
        endMillis,
        seconds,
        totals,
        routes,
        List.of(rows),
        errors,
        counterTotals(snapshot),
        runtime);
  }

  private SeriesRow seriesRow(
      LatencyPoint point, double seconds, Map<String, long[]> metricErrors, boolean intoRoute) {
    Histogram interval = point.interval();
    String metric = point.instrument().name();
    long errors = errorType(point).isEmpty() ? 0 : interval.getTotalCount();
    metricErrors.get(metric)[0] += errors;
    Histogram metricMerge = metricMerges.get(metric);
    long[] quantiles =
        intoRoute
            ? SeriesReader.readAndCopy(interval, metricMerge, routeMerge)
            : SeriesReader.readAndCopy(interval, metricMerge);
    return new SeriesRow(
        metric,
        attributes(point),
        LatencyStats.of(interval.getTotalCount(), quantiles, errors, seconds),
        total(point));
  }

  /** The route's numbers: its one series', or read from the merge its series were copied into. */
  private RouteRow route(
      String id, List<LatencyPoint> points, List<Integer> indexes, SeriesRow[] rows, double seconds) {
    LatencyPoint first = points.get(indexes.get(0));
    TotalStats total = new TotalStats(0, 0, 0);
    long errors = 0;
    for (int index : indexes) {
      total = total.plus(rows[index].total());
      errors += rows[index].interval().errors();
    }
    LatencyStats interval =
        indexes.size() == 1
            ? rows[indexes.get(0)].interval()
            : LatencyStats.of(routeMerge, errors, seconds);
    return new RouteRow(
        id, first.attributeValues().get(0), first.attributeValues().get(1), interval, total);
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
    String errorType = point.attribute(AttributeKeys.ERROR_TYPE.name());
    return errorType == null ? "" : errorType;
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
