package dev.hourglass.agent;

import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AdviceErrors;

/** The agent's reports on itself ({@code hourglass.agent.*}) that are not kept elsewhere. */
final class SelfMetrics {
  private SelfMetrics() {}

  static void register(MetricRegistry registry) {
    registry
        .counter(
            "hourglass.agent.advice.errors",
            "Throwables raised inside advice and swallowed so the application never sees them",
            "{error}")
        .seriesOf()
        .trackTotal(AdviceErrors::count);
  }
}
