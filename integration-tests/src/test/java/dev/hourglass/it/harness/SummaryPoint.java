package dev.hourglass.it.harness;

import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A received summary data point reduced to what latency tests assert on.
 *
 * @param attributes the point's attributes as strings, sorted by key
 * @param count how many values the summary covers
 * @param sum the sum of those values
 * @param quantiles quantile (0.0 to 1.0) to value, in quantile order
 */
public record SummaryPoint(Map<String, String> attributes, long count, double sum, SortedMap<Double, Double> quantiles) {

  static SummaryPoint of(SummaryDataPoint point) {
    SortedMap<Double, Double> quantiles = new TreeMap<>();
    point.getQuantileValuesList().forEach(q -> quantiles.put(q.getQuantile(), q.getValue()));
    return new SummaryPoint(
        OtlpAttributes.flatten(point.getAttributesList()),
        point.getCount(),
        point.getSum(),
        Collections.unmodifiableSortedMap(quantiles));
  }
}
