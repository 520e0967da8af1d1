package dev.hourglass.it.harness;

import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableValueAtQuantile;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measurements with known values, made with the real OpenTelemetry SDK, for the receiver self-tests to export and
 * then find again exactly.
 */
final class KnownMetrics {

  static final String HISTOGRAM = "test.request.duration";
  static final String COUNTER = "test.requests";
  static final String SUMMARY = "test.request.latency";

  /** Looks like a credential so leak scans have something to find in the raw bytes. */
  static final String SECRET_LOOKING_VALUE = "tok-5ecret-d0-not-leak";

  static final Attributes ORDERS = Attributes.of(stringKey("http.route"), "/orders", stringKey("http.method"), "GET");
  static final Attributes HEALTH = Attributes.of(stringKey("http.route"), "/health", stringKey("http.method"), "GET");
  static final Attributes WITH_SECRET = Attributes.of(stringKey("http.route"), "/login", stringKey("token"),
      SECRET_LOOKING_VALUE);

  /** Only these two attributes: Resource.create does not add the SDK's default telemetry.sdk.* ones. */
  static final Resource RESOURCE = Resource.create(Attributes.of(
      stringKey("service.name"), "hourglass-self-test",
      stringKey("service.instance.id"), "instance-7"));

  static final List<Double> BUCKET_BOUNDARIES = List.of(10.0, 100.0);

  private KnownMetrics() {}

  /**
   * ORDERS histogram: 5, 15, 15, 250 (buckets (-inf,10] (10,100] (100,+inf] hold 1, 2, 1; sum 285);
   * HEALTH histogram: 42; WITH_SECRET histogram: 1; ORDERS counter: 3 + 4.
   */
  static Collection<MetricData> histogramAndCounter() {
    OnDemandReader reader = new OnDemandReader();
    try (SdkMeterProvider provider =
             SdkMeterProvider.builder().setResource(RESOURCE).registerMetricReader(reader).build()) {
      Meter meter = provider.get("dev.hourglass.it.self-test");
      DoubleHistogram histogram = meter.histogramBuilder(HISTOGRAM)
          .setUnit("ms")
          .setExplicitBucketBoundariesAdvice(BUCKET_BOUNDARIES)
          .build();
      histogram.record(5, ORDERS);
      histogram.record(15, ORDERS);
      histogram.record(15, ORDERS);
      histogram.record(250, ORDERS);
      histogram.record(42, HEALTH);
      histogram.record(1, WITH_SECRET);

      LongCounter counter = meter.counterBuilder(COUNTER).build();
      counter.add(3, ORDERS);
      counter.add(4, ORDERS);
      return reader.collect();
    }
  }

  /**
   * The SDK has no instrument that produces summaries (Hourglass builds them itself for exact percentiles), so
   * this one is assembled directly: 1000 values, sum 12345.5, p50 = 9.5, p99 = 120.25, p100 = 480.
   */
  static MetricData summary() {
    return ImmutableMetricData.createDoubleSummary(
        RESOURCE,
        InstrumentationScopeInfo.create("dev.hourglass.it.self-test"),
        SUMMARY,
        "request latency with exact quantiles",
        "ms",
        ImmutableSummaryData.create(List.of(ImmutableSummaryPointData.create(
            1_000_000_000L, 2_000_000_000L, ORDERS, 1000, 12345.5,
            List.of(
                ImmutableValueAtQuantile.create(0.5, 9.5),
                ImmutableValueAtQuantile.create(0.99, 120.25),
                ImmutableValueAtQuantile.create(1.0, 480.0))))));
  }

  /** Exports once and returns the result after the exporter finished or gave up. */
  static CompletableResultCode export(MetricExporter exporter, Collection<MetricData> metrics) {
    return exporter.export(metrics).join(30, TimeUnit.SECONDS);
  }
}
