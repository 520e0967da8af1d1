package dev.hourglass.benchmarks.memory;

import static dev.hourglass.snapshot.AttributeKey.string;

import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.LatencySeries;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.snapshot.IntervalSnapshot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures what one latency series costs: heap bytes per active series through the agent's real
 * {@link MetricRegistry} (recording phase, and the steady state after an interval swap, when the
 * last interval's histogram is still held by the published snapshot), then footprint and quantile
 * error of the candidate HdrHistogram representations ({@link RepresentationReport}).
 *
 * <p>Heap is read after repeated {@code System.gc()}: run with {@code -XX:+UseSerialGC} so "used"
 * means live objects. Usage: {@code java -XX:+UseSerialGC -cp benchmarks.jar
 * dev.hourglass.benchmarks.memory.SeriesMemoryReport [output.md]}.
 */
public final class SeriesMemoryReport {
  static final int SERIES = 1000; // the default series cap of one instrument
  static final int VALUES_PER_INTERVAL = 2000; // e.g. 200 requests/s on the route, 10 s interval

  private SeriesMemoryReport() {}

  public static void main(String[] args) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(header());
    out.append(seriesHeapSection());
    out.append(RepresentationReport.section());
    System.out.print(out);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), out.toString());
    }
  }

  private static String header() {
    return String.format(
        Locale.ROOT,
        "# Series memory and quantile accuracy%n%n- JDK: %s %s%n- GC: %s, max heap %d MB%n%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        ManagementFactory.getGarbageCollectorMXBeans().get(0).getName(),
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static String seriesHeapSection() {
    LatencyDistribution[] shapes = LatencyDistribution.values();
    long[][] samples = new long[shapes.length][];
    for (int i = 0; i < shapes.length; i++) {
      samples[i] = shapes[i].sample(VALUES_PER_INTERVAL, 7 + i);
    }
    MetricRegistry registry = new MetricRegistry(SERIES + 1, 30);
    LatencyInstrument instrument =
        registry.latency("bench.duration", "memory benchmark", string("route"), string("status"));
    long empty = usedHeap();

    List<LatencySeries> series = new ArrayList<>(SERIES);
    for (int i = 0; i < SERIES; i++) {
      series.add(instrument.series("/route/" + i, "200"));
    }
    long created = usedHeap();

    recordInterval(series, samples);
    long recording = usedHeap();

    // The interval clock swaps every recorder once and keeps the snapshot as "latest".
    IntervalSnapshot latest = registry.collect(1, 0, 10_000_000_000L);
    long swapped = usedHeap();
    recordInterval(series, samples);
    long steady = usedHeap();

    StringBuilder section = new StringBuilder();
    section.append(
        String.format(
            Locale.ROOT,
            "## Bytes per active series (LatencySeries, striped single-writer packed 3-digit recorders in µs)%n%n"
                + "%d series of one instrument (two attributes), %d values each per interval,"
                + " distributions rotated across series. Heap used after GC, difference to the"
                + " empty registry, divided by the series count. Keys and map entries included.%n%n"
                + "| phase | bytes / series | %d series |%n| --- | ---: | ---: |%n",
            SERIES,
            VALUES_PER_INTERVAL,
            SERIES));
    row(section, "created, nothing recorded", created - empty);
    row(section, "first interval recorded (active histogram only)", recording - empty);
    row(section, "after the swap: snapshot holds the interval, new active histogram empty", swapped - empty);
    row(
        section,
        "steady state: active histogram recording + last interval held by the snapshot",
        steady - empty);
    section.append(
        String.format(
            Locale.ROOT,
            "%nSnapshot kept alive for the measurement: %d latency points.%n%n",
            latest.latencies().size()));
    return section.toString();
  }

  private static void row(StringBuilder section, String phase, long bytes) {
    section.append(
        String.format(
            Locale.ROOT,
            "| %s | %,d | %.1f MB |%n",
            phase,
            bytes / SERIES,
            bytes / (1024.0 * 1024.0)));
  }

  private static void recordInterval(List<LatencySeries> series, long[][] samples) {
    for (int i = 0; i < series.size(); i++) {
      LatencySeries target = series.get(i);
      for (long nanos : samples[i % samples.length]) {
        target.recordNanos(nanos);
      }
    }
  }

  /** Live heap: collected until the figure stops shrinking (at most five rounds). */
  static long usedHeap() {
    long previous = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (used >= previous) {
        return used;
      }
      previous = used;
    }
    return previous;
  }
}
