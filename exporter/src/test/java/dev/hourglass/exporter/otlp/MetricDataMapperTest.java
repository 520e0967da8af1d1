package dev.hourglass.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.hourglass.snapshot.BucketBoundaries;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.SnapshotBuilder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.data.ValueAtQuantile;
import io.opentelemetry.sdk.resources.Resource;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MetricDataMapperTest {
  private static final InstrumentDescriptor HTTP = SnapshotBuilder.SERVER;

  /** 500 requests at 5 ms, 50 at 50 ms, 5 at 500 ms: the reference mix. */
  private static Histogram referenceMix() {
    Histogram micros = new Histogram(3);
    micros.recordValueWithCount(5_000, 500);
    micros.recordValueWithCount(50_000, 50);
    micros.recordValueWithCount(500_000, 5);
    return micros;
  }

  private static IntervalSnapshot snapshot(Histogram interval, long cumulativeCount, long[] buckets) {
    LatencyPoint point =
        new LatencyPoint(
            HTTP, List.of("GET", "/owners/*", "200", ""), interval, cumulativeCount, 42.0, buckets, 5L);
    return new IntervalSnapshot(7, 1_000, 2_000, List.of(point), List.of(), List.of());
  }

  private static MetricData metric(List<MetricData> metrics, String name) {
    return metrics.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void deltaHistogramHasExactBucketCountsOfTheInterval() {
    MetricDataMapper mapper = mapper(true, false);
    List<MetricData> metrics = mapper.map(snapshot(referenceMix(), 999, new long[15]));

    MetricData histogram = metric(metrics, "http.server.request.duration");
    assertThat(histogram.getUnit()).isEqualTo("s");
    assertThat(histogram.getHistogramData().getAggregationTemporality())
        .isEqualTo(AggregationTemporality.DELTA);
    HistogramPointData point = histogram.getHistogramData().getPoints().iterator().next();
    assertThat(point.getCount()).isEqualTo(555);
    assertThat(point.getBoundaries()).hasSize(BucketBoundaries.SECONDS.length);
    // (0,5ms]=500, (25ms,50ms]=50, (250ms,500ms]=5
    assertThat(point.getCounts().get(0)).isEqualTo(500);
    assertThat(point.getCounts().get(3)).isEqualTo(50);
    assertThat(point.getCounts().get(7)).isEqualTo(5);
    assertThat(point.getCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(555);
    assertThat(point.getSum()).isCloseTo(500 * 0.005 + 50 * 0.05 + 5 * 0.5, offset(0.01));
    assertThat(point.getStartEpochNanos()).isEqualTo(1_000);
    assertThat(point.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(200L);
    assertThat(point.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
  }

  @Test
  void summaryCarriesExactQuantilesOfTheInterval() {
    List<MetricData> metrics = mapper(true, false).map(snapshot(referenceMix(), 555, new long[15]));

    SummaryPointData summary =
        metric(metrics, "http.server.request.duration.quantiles")
            .getSummaryData()
            .getPoints()
            .iterator()
            .next();
    assertThat(summary.getCount()).isEqualTo(555);
    List<ValueAtQuantile> values = summary.getValues();
    assertThat(values).extracting(ValueAtQuantile::getQuantile).containsExactly(0.5, 0.95, 0.99, 0.999, 1.0);
    // Ranks of 555 sorted values: p50 → 278th (5 ms), p95 → 528th and p99 → 550th (50 ms),
    // p99.9 → 555th (500 ms). HdrHistogram at 3 digits reports within 0.1 %.
    assertThat(values.get(0).getValue()).isCloseTo(0.005, offset(0.000_005));
    assertThat(values.get(1).getValue()).isCloseTo(0.050, offset(0.000_05));
    assertThat(values.get(2).getValue()).isCloseTo(0.050, offset(0.000_05));
    assertThat(values.get(3).getValue()).isCloseTo(0.500, offset(0.000_5));
    assertThat(values.get(4).getValue()).isCloseTo(0.500, offset(0.000_5));
  }

  @Test
  void cumulativeHistogramUsesRunningTotalsAndSeriesStart() {
    long[] buckets = new long[15];
    buckets[0] = 1000;
    List<MetricData> metrics = mapper(false, false).map(snapshot(referenceMix(), 1000, buckets));

    HistogramPointData point =
        metric(metrics, "http.server.request.duration").getHistogramData().getPoints().iterator().next();
    assertThat(point.getCount()).isEqualTo(1000);
    assertThat(point.getCounts().get(0)).isEqualTo(1000);
    assertThat(point.getSum()).isEqualTo(42.0);
    assertThat(point.getStartEpochNanos()).isEqualTo(5L);
  }

  @Test
  void exponentialHistogramKeepsEveryCountAndBucketsContainTheirValues() {
    List<MetricData> metrics = mapper(true, true).map(snapshot(referenceMix(), 555, new long[15]));

    ExponentialHistogramPointData point =
        metric(metrics, "http.server.request.duration")
            .getExponentialHistogramData()
            .getPoints()
            .iterator()
            .next();
    List<Long> counts = point.getPositiveBuckets().getBucketCounts();
    assertThat(counts.stream().mapToLong(Long::longValue).sum() + point.getZeroCount()).isEqualTo(555);
    assertThat(counts.size()).isLessThanOrEqualTo(ExponentialHistograms.MAX_BUCKETS);
    int scale = point.getScale();
    int offset = point.getPositiveBuckets().getOffset();
    double base = Math.pow(2, Math.pow(2, -scale));
    // The bucket of 5 ms holds the 500 requests: (base^i, base^(i+1)] contains 0.005 s.
    int index = ExponentialHistograms.index(0.005, scale);
    assertThat(counts.get(index - offset)).isEqualTo(500);
    assertThat(Math.pow(base, index)).isLessThan(0.005);
    assertThat(Math.pow(base, index + 1)).isGreaterThanOrEqualTo(0.005 * 0.999);
  }

  @Test
  void emptyDeltaIntervalExportsNothing() {
    assertThat(mapper(true, false).map(snapshot(new Histogram(3), 10, new long[15]))).isEmpty();
  }

  private static MetricDataMapper mapper(boolean delta, boolean exponential) {
    return new MetricDataMapper(
        Resource.empty(), InstrumentationScopeInfo.create("test"), delta, exponential);
  }
}
