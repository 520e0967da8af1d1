package dev.hourglass.agent.web.state;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;

/**
 * Samples the JVM's own MXBeans once per interval (a few microseconds). The MXBeans are looked up on
 * the first sample, which happens on the clock thread one interval after start, not in premain.
 * Not thread-safe: the clock thread alone calls {@link #sample}.
 */
final class RuntimeSampler {
  private List<GarbageCollectorMXBean> collectors;
  private OperatingSystemMXBean os;
  private long lastGcMillis = -1;

  RuntimeSample sample(double intervalSeconds) {
    if (collectors == null) {
      collectors = ManagementFactory.getGarbageCollectorMXBeans();
      os = ManagementFactory.getOperatingSystemMXBean();
    }
    long gcTotal = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      gcTotal += Math.max(0, collector.getCollectionTime());
    }
    long gcMillis = lastGcMillis < 0 ? 0 : Math.max(0, gcTotal - lastGcMillis);
    lastGcMillis = gcTotal;
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    double gcPercent = intervalSeconds > 0 ? gcMillis / (intervalSeconds * 10) : 0;
    return new RuntimeSample(
        processCpuPercent(),
        heap.getUsed(),
        heap.getMax(),
        gcMillis,
        Math.min(100, gcPercent),
        ManagementFactory.getThreadMXBean().getThreadCount());
  }

  private double processCpuPercent() {
    if (os instanceof com.sun.management.OperatingSystemMXBean extended) {
      double load = extended.getProcessCpuLoad();
      return load < 0 ? -1 : Math.round(load * 1000) / 10.0;
    }
    return -1;
  }
}
