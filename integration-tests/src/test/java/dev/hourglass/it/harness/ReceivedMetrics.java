package dev.hourglass.it.harness;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Everything {@link OtlpReceiver} was sent, and the questions tests ask about it. Thread-safe: transports add
 * from their own threads while a test thread waits and queries. Metric queries look only at accepted exports,
 * so a payload that was rejected and then retried is not counted twice.
 */
final class ReceivedMetrics {

  private final List<ReceivedExport> exports = new ArrayList<>();

  synchronized void add(ReceivedExport export) {
    exports.add(export);
    notifyAll();
  }

  synchronized void clear() {
    exports.clear();
  }

  synchronized List<ReceivedExport> all() {
    return List.copyOf(exports);
  }

  List<ExportMetricsServiceRequest> accepted() {
    return all().stream().filter(ReceivedExport::accepted).flatMap(e -> e.request().stream()).toList();
  }

  /** The most recently accepted instance of the metric, waiting for one to arrive if necessary. */
  synchronized Metric awaitMetric(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Metric> latest = latest(name);
      if (latest.isPresent()) {
        return latest.get();
      }
      long remainingNanos = deadline - System.nanoTime();
      if (remainingNanos <= 0) {
        throw new AssertionError("no metric named '" + name + "' accepted within " + timeout
            + "; accepted metric names: " + metricNames() + "; export calls received: " + exports.size());
      }
      // add() wakes us; the timed wait only bounds how long we keep trying.
      wait(Math.max(1, remainingNanos / 1_000_000));
    }
  }

  List<ReceivedPoint> dataPoints(String metricName) {
    return metrics(metricName).flatMap(ReceivedMetrics::points).toList();
  }

  /**
   * Adds up the counts of every histogram point of the metric, across all accepted exports, whose attributes
   * include every entry of {@code attributeFilter}. That is the number of recordings only under delta
   * temporality; cumulative exports repeat earlier counts in each export.
   */
  long histogramCount(String metricName, Map<String, String> attributeFilter) {
    return dataPoints(metricName).stream()
        .filter(point -> point.attributes().entrySet().containsAll(attributeFilter.entrySet()))
        .mapToLong(ReceivedMetrics::histogramCount)
        .sum();
  }

  private static long histogramCount(ReceivedPoint point) {
    return point.proto() instanceof ExponentialHistogramDataPoint exponential
        ? exponential.getCount()
        : point.histogram().getCount();
  }

  List<SummaryPoint> summaryPoints(String metricName) {
    return dataPoints(metricName).stream().map(point -> SummaryPoint.of(point.summary())).toList();
  }

  /** Attributes of the first resource in the last accepted export: one agent sends one resource. */
  Map<String, String> lastResourceAttributes() {
    List<ExportMetricsServiceRequest> accepted = accepted();
    if (accepted.isEmpty() || accepted.get(accepted.size() - 1).getResourceMetricsCount() == 0) {
      throw new AssertionError("no accepted export carried a resource");
    }
    ExportMetricsServiceRequest last = accepted.get(accepted.size() - 1);
    return OtlpAttributes.flatten(last.getResourceMetrics(0).getResource().getAttributesList());
  }

  List<byte[]> rawBodies() {
    return all().stream().map(ReceivedExport::body).toList();
  }

  private synchronized Optional<Metric> latest(String name) {
    return metrics(name).reduce((first, second) -> second);
  }

  private synchronized Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    allMetrics().forEach(metric -> names.add(metric.getName()));
    return names;
  }

  private Stream<Metric> metrics(String name) {
    return allMetrics().filter(metric -> metric.getName().equals(name));
  }

  private Stream<Metric> allMetrics() {
    return accepted().stream()
        .flatMap(request -> request.getResourceMetricsList().stream())
        .flatMap(resource -> resource.getScopeMetricsList().stream())
        .flatMap(scope -> scope.getMetricsList().stream());
  }

  private static Stream<ReceivedPoint> points(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> wrap(metric, metric.getGauge().getDataPointsList(), p -> p.getAttributesList());
      case SUM -> wrap(metric, metric.getSum().getDataPointsList(), p -> p.getAttributesList());
      case HISTOGRAM -> wrap(metric, metric.getHistogram().getDataPointsList(), p -> p.getAttributesList());
      case EXPONENTIAL_HISTOGRAM ->
          wrap(metric, metric.getExponentialHistogram().getDataPointsList(), p -> p.getAttributesList());
      case SUMMARY -> wrap(metric, metric.getSummary().getDataPointsList(), p -> p.getAttributesList());
      case DATA_NOT_SET -> Stream.empty();
    };
  }

  private static <P extends Message> Stream<ReceivedPoint> wrap(
      Metric metric, List<P> points, Function<P, List<KeyValue>> attributes) {
    return points.stream().map(point ->
        new ReceivedPoint(metric.getName(), OtlpAttributes.flatten(attributes.apply(point)), point));
  }
}
