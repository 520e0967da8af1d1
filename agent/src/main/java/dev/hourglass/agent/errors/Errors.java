package dev.hourglass.agent.errors;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;

/** Installs the error inbox: failed requests from the servlet family, intervals from the clock. */
public final class Errors {
  private Errors() {}

  /** Returns the inbox, or null when {@code hourglass.errors.enabled=false}. */
  public static ErrorInbox install(
      Config config,
      MetricRegistry registry,
      IntervalClock clock,
      ServerRequestRecorder serverRequests) {
    if (!config.get(Settings.ERRORS_ENABLED)) {
      return null;
    }
    ErrorInbox inbox =
        new ErrorInbox(
            registry, config.get(Settings.ERRORS_GROUPS_CAP), config.get(Settings.ERRORS_MESSAGES));
    clock.addConsumer(inbox);
    serverRequests.addOutcomeListener(new RequestErrors(inbox));
    return inbox;
  }
}
