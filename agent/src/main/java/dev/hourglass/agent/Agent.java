package dev.hourglass.agent;

import dev.hourglass.agent.alerts.Alerting;
import dev.hourglass.agent.alerts.AlertsView;
import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Durations;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.family.FamilySetup;
import dev.hourglass.agent.family.InstalledFamily;
import dev.hourglass.agent.jvm.JvmMetrics;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;
import dev.hourglass.agent.telemetry.AgentVersion;
import dev.hourglass.agent.telemetry.Exporters;
import dev.hourglass.agent.telemetry.ResourceFactory;
import dev.hourglass.agent.weaving.Weaver;
import dev.hourglass.agent.web.AgentStatus;
import dev.hourglass.agent.web.Dashboard;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.exporter.ExportStats;
import dev.hourglass.instrumentation.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Wires the agent together: configuration, metrics, the interval clock, exporters and weaving. */
final class Agent {
  private Agent() {}

  /** Returns false when configuration disabled the agent. */
  static boolean start(Instrumentation instrumentation, String args, boolean attached) {
    long startNanos = System.nanoTime();
    Config config = Config.load(args);
    AgentLog.setLevel(config.get(Settings.LOG_LEVEL));
    if (!config.get(Settings.ENABLED)) {
      AgentLog.info("disabled by hourglass.enabled=false: nothing is instrumented");
      return false;
    }
    MetricRegistry registry =
        new MetricRegistry(config.get(Settings.SERIES_CAP), config.get(Settings.SERIES_IDLE_INTERVALS));
    Duration interval = config.get(Settings.EXPORT_INTERVAL);
    IntervalClock clock = new IntervalClock(registry, interval);
    SelfMetrics.register(registry, clock);
    JvmMetrics.register(registry);

    List<ExportStats> exportStats = new ArrayList<>();
    List<String> exporters = Exporters.install(config, clock, registry, exportStats);
    // For the local web server (/api/alerts, /api/health); null when alerting is off.
    AlertsView alerts =
        Alerting.install(config, clock, registry, ResourceFactory.serviceName(config));
    Families families =
        Families.install(
            new FamilySetup(config, registry, clock, new ServerRequestRecorder(registry)));

    DashboardViews views =
        Dashboard.install(
            config,
            clock,
            new AgentStatus(
                AgentVersion.get(),
                System.currentTimeMillis(),
                interval,
                families.names(),
                exportStats,
                config::problems));
    if (alerts != null) {
      views.offer(AlertsView.class, alerts);
    }
    families.installed().forEach(family -> family.offerViews(views));
    Duration shutdownTimeout = config.get(Settings.SHUTDOWN_TIMEOUT);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> clock.shutdown(shutdownTimeout), "hourglass-shutdown"));
    config.validate(Settings.all());
    config.reportUnknownKeys(Settings.all());
    clock.start();

    String what =
        String.format(
            "instrumenting %s; exporting every %s to %s",
            String.join(", ", families.names()),
            Durations.format(interval),
            String.join(", ", exporters));
    startWeaving(
        instrumentation,
        families,
        () ->
            String.format(
                "started in %d ms%s: %s",
                (System.nanoTime() - startNanos) / 1_000_000,
                attached ? " (attached to a running JVM)" : "",
                what));
    return true;
  }

  /**
   * Preparing ByteBuddy loads ~800 classes (~0.5 s of one core). Doing it on an agent thread keeps
   * it off the application's start-up path; classes that load meanwhile are retransformed.
   */
  private static void startWeaving(
      Instrumentation instrumentation, Families families, Supplier<String> startedLine) {
    List<TypeInstrumentation> enabled = families.instrumentations();
    Thread weaver =
        new Thread(
            () -> {
              new Weaver(Agent.class.getClassLoader(), instrumentation).install(instrumentation, enabled);
              families.installed().forEach(InstalledFamily::weavingComplete);
              AgentLog.info(startedLine.get());
            },
            "hourglass-weaver");
    weaver.setDaemon(true);
    weaver.setUncaughtExceptionHandler(
        (thread, failure) ->
            AgentLog.error("instrumentation failed; the application runs uninstrumented", failure));
    weaver.start();
  }
}
