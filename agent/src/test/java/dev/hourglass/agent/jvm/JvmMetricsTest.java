package dev.hourglass.agent.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.IntervalSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {
  private static double gauge(IntervalSnapshot snapshot, String name, List<String> values) {
    return snapshot.gauges().stream()
        .filter(point -> point.instrument().name().equals(name))
        .filter(point -> point.attributeValues().equals(values))
        .mapToDouble(GaugePoint::value)
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + values + " missing"));
  }

  @Test
  void heapGauges_matchTheRuntime() {
    MetricRegistry registry = new MetricRegistry(100, 30);
    JvmMetrics.register(registry);

    IntervalSnapshot snapshot = registry.collect(1, 0, 10_000_000_000L);

    double used = gauge(snapshot, "jvm.memory.used", List.of("heap"));
    double limit = gauge(snapshot, "jvm.memory.limit", List.of("heap"));
    assertThat(used).isPositive().isLessThanOrEqualTo(limit);
    assertThat(limit).isEqualTo((double) java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
    assertThat(gauge(snapshot, "jvm.cpu.count", List.of()))
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(gauge(snapshot, "jvm.thread.count", List.of())).isGreaterThanOrEqualTo(1);
    assertThat(snapshot.gauges())
        .extracting(point -> point.instrument().name())
        .contains("jvm.memory.committed");
  }
}
