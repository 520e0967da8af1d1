package dev.hourglass.exporter.console;

import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.Quantiles;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prints a compact table per interval: one row per latency series with its count, rate and exact
 * p50/p95/p99/p99.9/max in milliseconds. For trying the agent with nothing else running.
 */
public final class ConsoleExporter implements SnapshotConsumer {
  private final PrintStream out;

  public ConsoleExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void accept(IntervalSnapshot snapshot) {
    List<LatencyPoint> active = new ArrayList<>();
    for (LatencyPoint point : snapshot.latencies()) {
      if (point.interval().getTotalCount() > 0) {
        active.add(point);
      }
    }
    if (active.isEmpty()) {
      return;
    }
    active.sort(
        Comparator.comparing((LatencyPoint p) -> p.instrument().name())
            .thenComparing(p -> String.join(" ", p.attributeValues())));
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "[hourglass] interval #%d (%.1f s)%n%-60s %8s %8s %9s %9s %9s %9s %9s%n",
            snapshot.sequence(),
            snapshot.seconds(),
            "series",
            "count",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "p99.9 ms",
            "max ms"));
    for (LatencyPoint point : active) {
      long count = point.interval().getTotalCount();
      table.append(
          String.format(
              Locale.ROOT,
              "%-60s %8d %8.1f %9.2f %9.2f %9.2f %9.2f %9.2f%n",
              label(point),
              count,
              count / Math.max(snapshot.seconds(), 1e-9),
              millis(point, 0.5),
              millis(point, 0.95),
              millis(point, 0.99),
              millis(point, 0.999),
              millis(point, 1.0)));
    }
    out.print(table);
    out.flush();
  }

  private static double millis(LatencyPoint point, double quantile) {
    return Quantiles.seconds(point.interval(), quantile) * 1000;
  }

  /** {@code http.server.request.duration GET /owners/* 200}: the name and non-empty attributes. */
  static String label(LatencyPoint point) {
    StringBuilder label = new StringBuilder(point.instrument().name());
    for (String value : point.attributeValues()) {
      if (!value.isEmpty()) {
        label.append(' ').append(value);
      }
    }
    return label.toString();
  }
}
