package dev.hourglass.agent.web.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard and {@code /api/metrics} show for one interval, computed once on the clock
 * thread so that requests only serialize it. Immutable.
 *
 * @param totals per latency metric, every series merged (for example all server requests)
 * @param routes {@code http.server.request.duration} merged per method and route, sorted by id
 * @param series every latency series, as exported
 * @param counterTotals per counter metric, the sum of its series' totals
 */
public record IntervalSummary(
    long sequence,
    long startEpochMillis,
    long endEpochMillis,
    double seconds,
    Map<String, LatencyStats> totals,
    List<RouteRow> routes,
    List<SeriesRow> series,
    List<ErrorRow> errors,
    Map<String, Long> counterTotals,
    RuntimeSample runtime) {

  public IntervalSummary {
    totals = Collections.unmodifiableMap(new LinkedHashMap<>(totals));
    routes = List.copyOf(routes);
    series = List.copyOf(series);
    errors = List.copyOf(errors);
    counterTotals = Collections.unmodifiableMap(new LinkedHashMap<>(counterTotals));
  }

  public LatencyStats total(String metric) {
    return totals.getOrDefault(metric, LatencyStats.EMPTY);
  }
}
