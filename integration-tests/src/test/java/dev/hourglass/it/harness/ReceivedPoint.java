package dev.hourglass.it.harness;

import com.google.protobuf.Message;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.Map;

/**
 * One data point of a received metric with its attributes already flattened. The typed accessors fail loudly
 * when the metric has another type than the test expected, rather than handing back an empty default.
 *
 * @param metricName the metric the point belongs to
 * @param attributes the point's attributes as strings, sorted by key
 * @param proto the point as decoded: a Number-, Histogram-, ExponentialHistogram- or SummaryDataPoint
 */
public record ReceivedPoint(String metricName, Map<String, String> attributes, Message proto) {

  public HistogramDataPoint histogram() {
    return as(HistogramDataPoint.class);
  }

  public ExponentialHistogramDataPoint exponentialHistogram() {
    return as(ExponentialHistogramDataPoint.class);
  }

  /** The point of a gauge or a sum. */
  public NumberDataPoint number() {
    return as(NumberDataPoint.class);
  }

  public SummaryDataPoint summary() {
    return as(SummaryDataPoint.class);
  }

  private <T extends Message> T as(Class<T> type) {
    if (!type.isInstance(proto)) {
      throw new IllegalStateException("metric " + metricName + " has " + proto.getClass().getSimpleName()
          + " points, not " + type.getSimpleName());
    }
    return type.cast(proto);
  }
}
