package dev.hourglass.agent.web;

import dev.hourglass.exporter.ExportStats;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code /api/health} reports about the agent itself, gathered by the wiring at start.
 *
 * @param instrumentations enabled instrumentation families ({@code servlet}, {@code jdbc}…)
 * @param exporters the statistics of each exporter that has them (OTLP)
 * @param configProblems bad values and unknown keys found in the configuration
 */
public record AgentStatus(
    String version,
    long startEpochMillis,
    Duration interval,
    List<String> instrumentations,
    List<ExportStats> exporters,
    Supplier<List<String>> configProblems) {

  public AgentStatus {
    instrumentations = List.copyOf(instrumentations);
    exporters = List.copyOf(exporters);
  }
}
