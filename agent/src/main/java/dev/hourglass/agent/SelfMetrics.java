package dev.hourglass.agent;

import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.AgentLog;

/** The agent's reports on itself ({@code hourglass.agent.*}) that are not kept elsewhere. */
final class SelfMetrics {
  private SelfMetrics() {}

  static void register(MetricRegistry registry, IntervalClock clock) {
    // Advice runs on application threads and must not log there: report from the clock thread.
    clock.addConsumer(
        snapshot -> {
          Throwable first = AdviceErrors.first();
          if (first != null) {
            AgentLog.warnOnce(
                "advice-error",
                "instrumentation code failed and was skipped (the application was not affected;"
                    + " counted in hourglass.agent.advice.errors): "
                    + AdviceErrors.describe(first));
          }
        });
    registry
        .counter(
            "hourglass.agent.advice.errors",
            "Throwables raised inside advice and swallowed so the application never sees them",
            "{error}")
        .seriesOf()
        .trackTotal(AdviceErrors::count);
  }
}
