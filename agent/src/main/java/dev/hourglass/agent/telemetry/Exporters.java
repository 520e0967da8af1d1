package dev.hourglass.agent.telemetry;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.exporter.ExportStats;
import dev.hourglass.exporter.console.ConsoleExporter;
import dev.hourglass.exporter.otlp.OtlpOptions;
import dev.hourglass.exporter.otlp.OtlpSnapshotExporter;
import java.util.ArrayList;
import java.util.List;

/** Creates the exporters that {@code otel.metrics.exporter} selects and attaches them to the clock. */
public final class Exporters {
  private Exporters() {}

  /**
   * Returns a description of each exporter, for the start-up line, and adds the statistics of each
   * exporter that keeps them to {@code stats}, for health.
   */
  public static List<String> install(
      Config config, IntervalClock clock, MetricRegistry registry, List<ExportStats> stats) {
    List<String> installed = new ArrayList<>();
    for (String name : config.get(Settings.EXPORTERS)) {
      switch (name) {
        case "otlp" -> {
          OtlpOptions options = OtlpSettings.options(config);
          ExportStats otlpStats = new ExportStats("otlp");
          ExportMetrics.register(registry, otlpStats);
          stats.add(otlpStats);
          clock.addConsumer(
              new OtlpSnapshotExporter(
                  options, () -> ResourceFactory.create(config), AgentVersion.get(), otlpStats));
          installed.add("otlp " + options.protocol() + " " + options.endpointForLog());
        }
        case "console" -> {
          clock.addConsumer(new ConsoleExporter(System.out));
          installed.add("console");
        }
        default -> installed.add("none");
      }
    }
    return installed;
  }
}
