package dev.hourglass.exporter.otlp;

import dev.hourglass.snapshot.AttributeKey;
import dev.hourglass.snapshot.BucketBoundaries;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import dev.hourglass.snapshot.Quantiles;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.data.ValueAtQuantile;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableValueAtQuantile;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Turns an interval snapshot into OpenTelemetry metric data:
 *
 * <ul>
 *   <li>each latency instrument becomes a histogram (explicit semantic-convention buckets, or base-2
 *       exponential) and a summary named {@code <name>.quantiles} carrying the interval's exact
 *       p50/p95/p99/p99.9/max from HdrHistogram;
 *   <li>counters become monotonic sums; gauges become gauges.
 * </ul>
 *
 * Temporality follows the preference: delta points cover the interval, cumulative points the time
 * since the series started. Used by the exporter thread only (keeps per-series cumulative state for
 * exponential histograms).
 *
 * <p>The only class of the agent that uses the SDK's {@code internal} packages: the {@code
 * Immutable*Data} factories are the SDK's one way to build {@link MetricData} for its exporters
 * (the public {@code data} package has interfaces only, and implementing them ourselves would copy
 * the SDK's value classes). They are checked against the {@code opentelemetry.version} the parent
 * POM pins (1.68.0); an SDK upgrade that changes them fails this class's compilation and {@code
 * MetricDataMapperTest}, not the application.
 */
public final class MetricDataMapper {

  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final boolean delta;
  private final ExponentialHistograms exponential;

  public MetricDataMapper(
      Resource resource, InstrumentationScopeInfo scope, boolean delta, boolean exponentialHistograms) {
    this.resource = resource;
    this.scope = scope;
    this.delta = delta;
    this.exponential = exponentialHistograms ? new ExponentialHistograms() : null;
  }

  private AggregationTemporality temporality() {
    return delta ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
  }

  public List<MetricData> map(IntervalSnapshot snapshot) {
    List<MetricData> metrics = new ArrayList<>();
    for (Map.Entry<InstrumentDescriptor, List<LatencyPoint>> entry :
        group(snapshot.latencies(), LatencyPoint::instrument).entrySet()) {
      addLatency(metrics, entry.getKey(), entry.getValue(), snapshot);
    }
    for (Map.Entry<InstrumentDescriptor, List<CounterPoint>> entry :
        group(snapshot.counters(), CounterPoint::instrument).entrySet()) {
      addCounter(metrics, entry.getKey(), entry.getValue(), snapshot);
    }
    for (Map.Entry<InstrumentDescriptor, List<GaugePoint>> entry :
        group(snapshot.gauges(), GaugePoint::instrument).entrySet()) {
      addGauge(metrics, entry.getKey(), entry.getValue(), snapshot);
    }
    if (exponential != null) {
      exponential.endRound();
    }
    return metrics;
  }

  private void addLatency(
      List<MetricData> metrics,
      InstrumentDescriptor instrument,
      List<LatencyPoint> points,
      IntervalSnapshot snapshot) {
    List<HistogramPointData> histogramPoints = new ArrayList<>();
    List<ExponentialHistogramPointData> exponentialPoints = new ArrayList<>();
    List<SummaryPointData> summaryPoints = new ArrayList<>();
    for (LatencyPoint point : points) {
      Histogram interval = point.interval();
      long intervalCount = interval.getTotalCount();
      if (delta && intervalCount == 0) {
        continue;
      }
      Attributes attributes = attributes(instrument, point.attributeValues());
      long start = delta ? snapshot.startEpochNanos() : point.cumulativeStartEpochNanos();
      if (exponential != null) {
        exponentialPoints.add(
            exponential.point(point, attributes, start, snapshot.endEpochNanos(), delta));
      } else {
        histogramPoints.add(explicitPoint(point, attributes, start, snapshot.endEpochNanos()));
      }
      if (intervalCount > 0) {
        summaryPoints.add(summaryPoint(point, attributes, start, snapshot.endEpochNanos()));
      }
    }
    if (exponential != null && !exponentialPoints.isEmpty()) {
      metrics.add(
          ImmutableMetricData.createExponentialHistogram(
              resource,
              scope,
              instrument.name(),
              instrument.description(),
              instrument.unit(),
              ImmutableExponentialHistogramData.create(temporality(), exponentialPoints)));
    }
    if (!histogramPoints.isEmpty()) {
      metrics.add(
          ImmutableMetricData.createDoubleHistogram(
              resource,
              scope,
              instrument.name(),
              instrument.description(),
              instrument.unit(),
              ImmutableHistogramData.create(temporality(), histogramPoints)));
    }
    if (!summaryPoints.isEmpty()) {
      metrics.add(
          ImmutableMetricData.createDoubleSummary(
              resource,
              scope,
              instrument.name() + MetricNames.QUANTILES_SUFFIX,
              "Exact quantiles of " + instrument.name() + " over the last export interval",
              instrument.unit(),
              ImmutableSummaryData.create(summaryPoints)));
    }
  }

  private HistogramPointData explicitPoint(
      LatencyPoint point, Attributes attributes, long start, long end) {
    Histogram interval = point.interval();
    long[] counts;
    long count;
    double sum;
    if (delta) {
      counts = new long[BucketBoundaries.SECONDS.length + 1];
      BucketBoundaries.addCounts(interval, counts);
      count = interval.getTotalCount();
      sum = Quantiles.sumSeconds(interval);
    } else {
      counts = point.cumulativeBucketCounts();
      count = point.cumulativeCount();
      sum = point.cumulativeSumSeconds();
    }
    boolean minMax = delta && count > 0;
    return ImmutableHistogramPointData.create(
        start,
        end,
        attributes,
        sum,
        minMax,
        minMax ? interval.getMinValue() / 1e6 : 0,
        minMax,
        minMax ? interval.getMaxValue() / 1e6 : 0,
        boundaries(),
        toList(counts));
  }

  /** Quantiles of this interval; count and sum follow the temporality like the histogram's. */
  private SummaryPointData summaryPoint(
      LatencyPoint point, Attributes attributes, long start, long end) {
    Histogram interval = point.interval();
    List<ValueAtQuantile> values = new ArrayList<>(Quantiles.REPORTED.length);
    for (double quantile : Quantiles.REPORTED) {
      values.add(ImmutableValueAtQuantile.create(quantile, Quantiles.seconds(interval, quantile)));
    }
    long count = delta ? interval.getTotalCount() : point.cumulativeCount();
    double sum = delta ? Quantiles.sumSeconds(interval) : point.cumulativeSumSeconds();
    return ImmutableSummaryPointData.create(start, end, attributes, count, sum, values);
  }

  private void addCounter(
      List<MetricData> metrics,
      InstrumentDescriptor instrument,
      List<CounterPoint> points,
      IntervalSnapshot snapshot) {
    List<LongPointData> data = new ArrayList<>();
    for (CounterPoint point : points) {
      if (delta && point.delta() == 0) {
        continue;
      }
      long start = delta ? snapshot.startEpochNanos() : point.cumulativeStartEpochNanos();
      data.add(
          ImmutableLongPointData.create(
              start,
              snapshot.endEpochNanos(),
              attributes(instrument, point.attributeValues()),
              delta ? point.delta() : point.total()));
    }
    if (!data.isEmpty()) {
      metrics.add(
          ImmutableMetricData.createLongSum(
              resource,
              scope,
              instrument.name(),
              instrument.description(),
              instrument.unit(),
              ImmutableSumData.create(true, temporality(), data)));
    }
  }

  private void addGauge(
      List<MetricData> metrics,
      InstrumentDescriptor instrument,
      List<GaugePoint> points,
      IntervalSnapshot snapshot) {
    List<DoublePointData> data = new ArrayList<>();
    for (GaugePoint point : points) {
      data.add(
          ImmutableDoublePointData.create(
              snapshot.startEpochNanos(),
              snapshot.endEpochNanos(),
              attributes(instrument, point.attributeValues()),
              point.value()));
    }
    metrics.add(
        ImmutableMetricData.createDoubleGauge(
            resource,
            scope,
            instrument.name(),
            instrument.description(),
            instrument.unit(),
            ImmutableGaugeData.create(data)));
  }

  /**
   * Attribute values in the descriptor's order, typed as its keys say; empty values are attributes
   * that do not apply. A {@code LONG} key whose value is not a number (the overflow series' {@code
   * _other}) is exported as text rather than dropped.
   */
  static Attributes attributes(InstrumentDescriptor instrument, List<String> values) {
    AttributesBuilder builder = Attributes.builder();
    List<AttributeKey> keys = instrument.attributes();
    for (int i = 0; i < keys.size(); i++) {
      String value = values.get(i);
      if (value.isEmpty()) {
        continue;
      }
      AttributeKey key = keys.get(i);
      if (key.type() == AttributeKey.Type.LONG && isDigits(value)) {
        builder.put(key.name(), Long.parseLong(value));
      } else {
        builder.put(key.name(), value);
      }
    }
    return builder.build();
  }

  private static boolean isDigits(String value) {
    if (value.isEmpty() || value.length() > 18) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!Character.isDigit(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<Double> boundaries() {
    List<Double> list = new ArrayList<>(BucketBoundaries.SECONDS.length);
    for (double boundary : BucketBoundaries.SECONDS) {
      list.add(boundary);
    }
    return list;
  }

  private static List<Long> toList(long[] counts) {
    List<Long> list = new ArrayList<>(counts.length);
    for (long count : counts) {
      list.add(count);
    }
    return list;
  }

  private static <P> Map<InstrumentDescriptor, List<P>> group(
      List<P> points, java.util.function.Function<P, InstrumentDescriptor> instrumentOf) {
    Map<InstrumentDescriptor, List<P>> groups = new LinkedHashMap<>();
    for (P point : points) {
      groups.computeIfAbsent(instrumentOf.apply(point), key -> new ArrayList<>()).add(point);
    }
    return groups;
  }
}
