package dev.hourglass.agent;

import dev.hourglass.agent.alerts.Alerting;
import dev.hourglass.agent.alerts.AlertControl;
import dev.hourglass.agent.alerts.AlertsView;
import dev.hourglass.agent.alerts.RuleStore;
import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Durations;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.errors.ErrorGroupsView;
import dev.hourglass.agent.errors.ErrorInbox;
import dev.hourglass.agent.errors.ErrorReporter;
import dev.hourglass.agent.errors.Errors;
import dev.hourglass.agent.family.FamilySetup;
import dev.hourglass.agent.family.InstalledFamily;
import dev.hourglass.agent.history.History;
import dev.hourglass.agent.history.HistoryView;
import dev.hourglass.agent.jvm.JvmMetrics;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;
import dev.hourglass.agent.telemetry.AgentVersion;
import dev.hourglass.agent.traces.SlowRequests;
import dev.hourglass.agent.traces.TracesView;
import dev.hourglass.agent.telemetry.Exporters;
import dev.hourglass.agent.telemetry.ResourceFactory;
import dev.hourglass.agent.weaving.Weaver;
import dev.hourglass.agent.web.AgentStatus;
import dev.hourglass.agent.web.Dashboard;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.exporter.ExportStats;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    // Everything else (the JVM's management beans alone cost ~0.2 s of a core on first use, then
    // the exporter, the web server and ByteBuddy) happens on an agent thread, so that premain
    // returns at once and the application's start-up does not wait for the agent's. Classes that
    // load meanwhile are retransformed when the weaving is installed.
    Thread starter =
        new Thread(
            () -> startMeasuring(instrumentation, config, attached, startNanos), "hourglass-start");
    starter.setDaemon(true);
    starter.setUncaughtExceptionHandler(
        (thread, failure) ->
            AgentLog.error("the agent did not start and the application runs without it", failure));
    starter.start();
    return true;
  }

  private static void startMeasuring(
      Instrumentation instrumentation, Config config, boolean attached, long startNanos) {
    MetricRegistry registry =
        new MetricRegistry(config.get(Settings.SERIES_CAP), config.get(Settings.SERIES_IDLE_INTERVALS));
    Duration interval = config.get(Settings.EXPORT_INTERVAL);
    IntervalClock clock = new IntervalClock(registry, interval);
    SelfMetrics.register(registry, clock);
    JvmMetrics.register(registry);

    List<ExportStats> exportStats = new ArrayList<>();
    List<String> exporters = Exporters.install(config, clock, registry, exportStats);
    // For /api/history?from=…, /api/export and /api/health; null when the history is off.
    HistoryView history =
        History.install(config, clock, ResourceFactory.serviceName(config));
    // For the local web server (/api/alerts, /api/health); null when alerting is off. Its
    // response times (MTTR) are kept in the history folder.
    Alerting.Installed alerts =
        Alerting.install(
            config,
            clock,
            registry,
            ResourceFactory.serviceName(config),
            history == null ? null : history.folder());
    ServerRequestRecorder serverRequests = new ServerRequestRecorder(registry);
    // Before the families: the servlet family publishes the recorder with its listeners.
    TracesView traces = SlowRequests.install(config, clock, serverRequests);
    ErrorInbox errors = Errors.install(config, registry, clock, serverRequests);
    Families families =
        Families.install(
            new FamilySetup(
                config,
                registry,
                clock,
                serverRequests,
                errors == null ? ErrorReporter.NONE : errors));

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
      views.offer(AlertsView.class, alerts.engine());
      views.offer(AlertControl.class, alerts.engine());
      views.offer(RuleStore.class, alerts.rules());
    }
    if (history != null) {
      views.offer(HistoryView.class, history);
    }
    if (traces != null) {
      views.offer(TracesView.class, traces);
    }
    if (errors != null) {
      views.offer(ErrorGroupsView.class, errors);
    }
    families.installed().forEach(family -> family.offerViews(views));
    Duration shutdownTimeout = config.get(Settings.SHUTDOWN_TIMEOUT);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> clock.shutdown(shutdownTimeout), "hourglass-shutdown"));
    config.validate(Settings.all());
    config.reportUnknownKeys(Settings.all());
    clock.start();

    new Weaver(Agent.class.getClassLoader(), instrumentation)
        .install(instrumentation, families.instrumentations());
    families.installed().forEach(InstalledFamily::weavingComplete);
    AgentLog.info(
        String.format(
            "started in %d ms%s: instrumenting %s; exporting every %s to %s",
            (System.nanoTime() - startNanos) / 1_000_000,
            attached ? " (attached to a running JVM)" : "",
            String.join(", ", families.names()),
            Durations.format(interval),
            String.join(", ", exporters)));
  }
}
