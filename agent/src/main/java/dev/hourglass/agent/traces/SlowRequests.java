package dev.hourglass.agent.traces;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.servlet.ServerRequestRecorder;
import dev.hourglass.bootstrap.RequestTimeline;

/** Installs slow-request capture: per-request timelines, the capture at request end, the store. */
public final class SlowRequests {
  private SlowRequests() {}

  /** Returns the kept traces, or null when {@code hourglass.traces.enabled=false}. */
  public static TracesView install(
      Config config, IntervalClock clock, ServerRequestRecorder serverRequests) {
    if (!config.get(Settings.TRACES_ENABLED)) {
      return null;
    }
    RouteBaselines baselines =
        new RouteBaselines(
            config.get(Settings.TRACES_ROUTE_SLOWEST), config.get(Settings.SERIES_CAP));
    TraceStore store = new TraceStore(config.get(Settings.TRACES_KEEP));
    clock.addConsumer(baselines);
    serverRequests.addOutcomeListener(
        new SlowRequestCapture(config.get(Settings.TRACES_THRESHOLD).toNanos(), baselines, store));
    RequestTimeline.enable(config.get(Settings.TRACES_ENTRIES));
    return store;
  }
}
