package dev.hourglass.it.harness;

import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.util.List;

/**
 * The agent's reports on itself ({@code hourglass.agent.*}) as a collector received them: gauges
 * and sums read as numbers, whatever their value type.
 */
public final class SelfMetrics {
  private SelfMetrics() {}

  /** Every received value of the metric, in arrival order. */
  public static List<Double> values(OtlpReceiver receiver, String metric) {
    return receiver.dataPoints(metric).stream().map(point -> value(point.number())).toList();
  }

  /** The most recently received value; fails when none arrived. */
  public static double last(OtlpReceiver receiver, String metric) {
    List<Double> values = values(receiver, metric);
    if (values.isEmpty()) {
      throw new AssertionError("no value of " + metric + " was received");
    }
    return values.get(values.size() - 1);
  }

  /** The most recently received value, or 0 if none arrived (a counter that never counted). */
  public static double lastOrZero(OtlpReceiver receiver, String metric) {
    List<Double> values = values(receiver, metric);
    return values.isEmpty() ? 0 : values.get(values.size() - 1);
  }

  /** The largest received value; fails when none arrived. */
  public static double max(OtlpReceiver receiver, String metric) {
    return values(receiver, metric).stream()
        .mapToDouble(Double::doubleValue)
        .max()
        .orElseThrow(() -> new AssertionError("no value of " + metric + " was received"));
  }

  private static double value(NumberDataPoint point) {
    return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
        ? point.getAsInt()
        : point.getAsDouble();
  }
}
