package dev.hourglass.agent.jvm;

import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.GaugeInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.MetricNames;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.function.ToLongFunction;

/**
 * The JVM's own health, read from its MXBeans on the interval clock's thread (each read is a cheap
 * getter; nothing runs on application threads). Names follow the OpenTelemetry JVM semantic
 * conventions where they have an equivalent:
 *
 * <ul>
 *   <li>{@code jvm.memory.used}, {@code jvm.memory.committed}, {@code jvm.memory.limit} (By) with
 *       {@code jvm.memory.type} = {@code heap} | {@code non_heap}, summed over pools; a limit the
 *       JVM does not define is not exported;
 *   <li>{@code jvm.cpu.recent_utilization} (1): the process's share of all CPUs, 0..1, when the
 *       platform reports it ({@code com.sun.management.OperatingSystemMXBean}, module {@code
 *       jdk.management});
 *   <li>{@code jvm.cpu.count}, {@code jvm.thread.count};
 *   <li>{@code hourglass.jvm.gc.time} (ms) and {@code hourglass.jvm.gc.count} by {@code
 *       jvm.gc.name}: collection time and count as counters. The convention's {@code
 *       jvm.gc.duration} is a per-collection histogram the MXBeans cannot give, hence our own name.
 * </ul>
 */
public final class JvmMetrics {
  private JvmMetrics() {}

  public static void register(MetricRegistry registry) {
    if (!RuntimeModules.has("java.management")) {
      AgentLog.info("JVM metrics off: this runtime has no java.management module");
      return;
    }
    memory(registry);
    cpu(registry);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    registry
        .gauge("jvm.thread.count", "Live threads", "{thread}")
        .seriesOf()
        .track(threads::getThreadCount);
    CounterInstrument gcTime =
        registry.counter(
            "hourglass.jvm.gc.time", "Time spent in garbage collection", "ms", AttributeKeys.JVM_GC_NAME);
    CounterInstrument gcCount =
        registry.counter(
            "hourglass.jvm.gc.count", "Garbage collections", "{collection}", AttributeKeys.JVM_GC_NAME);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcTime.series(gc.getName()).trackTotal(() -> Math.max(0, gc.getCollectionTime()));
      gcCount.series(gc.getName()).trackTotal(() -> Math.max(0, gc.getCollectionCount()));
    }
  }

  private static void memory(MetricRegistry registry) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    GaugeInstrument used =
        registry.gauge(MetricNames.JVM_MEMORY_USED, "Memory in use", "By", AttributeKeys.JVM_MEMORY_TYPE);
    GaugeInstrument committed =
        registry.gauge(
            "jvm.memory.committed", "Memory guaranteed to be available", "By", AttributeKeys.JVM_MEMORY_TYPE);
    GaugeInstrument limit =
        registry.gauge(MetricNames.JVM_MEMORY_LIMIT, "Most memory that can be used", "By", AttributeKeys.JVM_MEMORY_TYPE);
    track(used, "heap", () -> memory.getHeapMemoryUsage(), MemoryUsage::getUsed);
    track(used, "non_heap", () -> memory.getNonHeapMemoryUsage(), MemoryUsage::getUsed);
    track(committed, "heap", () -> memory.getHeapMemoryUsage(), MemoryUsage::getCommitted);
    track(committed, "non_heap", () -> memory.getNonHeapMemoryUsage(), MemoryUsage::getCommitted);
    track(limit, "heap", () -> memory.getHeapMemoryUsage(), MemoryUsage::getMax);
    track(limit, "non_heap", () -> memory.getNonHeapMemoryUsage(), MemoryUsage::getMax);
  }

  /** A negative reading (undefined, e.g. no max) becomes NaN, which is not exported. */
  private static void track(
      GaugeInstrument gauge,
      String type,
      java.util.function.Supplier<MemoryUsage> usage,
      ToLongFunction<MemoryUsage> part) {
    gauge
        .series(type)
        .track(
            () -> {
              long bytes = part.applyAsLong(usage.get());
              return bytes < 0 ? Double.NaN : bytes;
            });
  }

  private static void cpu(MetricRegistry registry) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    registry
        .gauge("jvm.cpu.count", "Processors available to the JVM", "{cpu}")
        .seriesOf()
        .track(() -> Runtime.getRuntime().availableProcessors());
    if (RuntimeModules.has("jdk.management")
        && os instanceof com.sun.management.OperatingSystemMXBean sun) {
      registry
          .gauge(
              MetricNames.JVM_CPU_RECENT_UTILIZATION,
              "Recent CPU use of the process as a share of all processors",
              "1")
          .seriesOf()
          .track(
              () -> {
                double load = sun.getProcessCpuLoad();
                return load < 0 ? Double.NaN : load;
              });
    }
  }
}
