package dev.hourglass.agent.telemetry;

import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.exporter.ExportStats;
import dev.hourglass.snapshot.AttributeKeys;

/** Self-metrics of an exporter: {@code hourglass.agent.export.*} by exporter name. */
final class ExportMetrics {
  private ExportMetrics() {}

  static void register(MetricRegistry registry, ExportStats stats) {
    String exporter = stats.exporter();
    registry
        .counter("hourglass.agent.export.points", "Points delivered", "{point}", AttributeKeys.EXPORTER)
        .series(exporter)
        .trackTotal(stats::exportedPoints);
    registry
        .counter(
            "hourglass.agent.export.dropped",
            "Points dropped: the export queue was full or shutdown came first",
            "{point}",
            AttributeKeys.EXPORTER)
        .series(exporter)
        .trackTotal(stats::droppedPoints);
    registry
        .counter("hourglass.agent.export.failures", "Failed export attempts", "{attempt}", AttributeKeys.EXPORTER)
        .series(exporter)
        .trackTotal(stats::failedAttempts);
    registry
        .gauge("hourglass.agent.export.duration", "Duration of the last export attempt", "s", AttributeKeys.EXPORTER)
        .series(exporter)
        .track(() -> stats.lastDurationNanos() / 1e9);
    // Shows the memory bound at work: never above hourglass.export.queue, however long an outage.
    registry
        .gauge(
            "hourglass.agent.export.queue",
            "Snapshots waiting to be exported (at most hourglass.export.queue)",
            "{snapshot}",
            AttributeKeys.EXPORTER)
        .series(exporter)
        .track(stats::queuedSnapshots);
  }
}
