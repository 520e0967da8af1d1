package dev.hourglass.agent.web;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.jvm.RuntimeModules;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.web.state.DashboardState;
import dev.hourglass.agent.web.state.SeriesErrors;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.exporter.prometheus.PrometheusScrapeView;
import java.time.Duration;

/** Wires the dashboard: its snapshot consumers on the clock and the server, per configuration. */
public final class Dashboard {
  private Dashboard() {}

  /**
   * Attaches the dashboard state and the Prometheus view to the clock and starts the server on a
   * daemon thread (binding and name resolution stay off the application's start-up path).
   *
   * @return the sections other features fill in; with the server off they are never read
   */
  public static DashboardViews install(Config config, IntervalClock clock, AgentStatus status) {
    WebServer.Options options =
        new WebServer.Options(
            config.get(Settings.HTTP_HOST).trim(),
            config.get(Settings.HTTP_PORT),
            config.get(Settings.HTTP_TOKEN),
            config.get(Settings.HTTP_READ_TOKEN));
    DashboardState state = new DashboardState(historyIntervals(config, clock.interval()), true);
    DashboardViews views = new DashboardViews(new SeriesErrors(state));
    if (options.port() == 0) {
      AgentLog.info("dashboard server off (hourglass.http.port=0)");
      return views;
    }
    if (!RuntimeModules.has("jdk.httpserver")) {
      AgentLog.warn(
          "dashboard server not started: this runtime has no jdk.httpserver module"
              + " (add it to the image, e.g. jlink --add-modules jdk.httpserver)");
      return views;
    }
    PrometheusScrapeView prometheus = new PrometheusScrapeView();
    clock.addConsumer(state);
    clock.addConsumer(prometheus);
    Thread starter =
        new Thread(
            () -> {
              WebServer server = WebServer.start(options, state, views, prometheus, status);
              if (server != null) {
                AgentLog.info("dashboard at " + server.url() + " (Prometheus: " + server.url() + "metrics)");
              }
            },
            "hourglass-web-start");
    starter.setDaemon(true);
    starter.start();
    return views;
  }

  static int historyIntervals(Config config, Duration interval) {
    long wanted = config.get(Settings.HTTP_HISTORY).toMillis();
    return (int) Math.min(DashboardState.MAX_INTERVALS, Math.max(2, -Math.floorDiv(-wanted, interval.toMillis())));
  }
}
