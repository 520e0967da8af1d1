package dev.hourglass.agent;

import dev.hourglass.agent.alerts.Alerting;
import dev.hourglass.agent.alerts.AlertsView;
import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Durations;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.agent.export.AgentVersion;
import dev.hourglass.agent.export.Exporters;
import dev.hourglass.agent.export.ResourceFactory;
import dev.hourglass.agent.jvm.JvmMetrics;
import dev.hourglass.agent.jdbc.FindingsQueriesView;
import dev.hourglass.agent.jdbc.JdbcConfig;
import dev.hourglass.agent.jdbc.JdbcRecorder;
import dev.hourglass.agent.httpclient.DownstreamClientsView;
import dev.hourglass.agent.httpclient.DownstreamHosts;
import dev.hourglass.agent.httpclient.DownstreamRouteRecorder;
import dev.hourglass.agent.httpclient.HttpClientRecorder;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;
import dev.hourglass.agent.weaving.Weaver;
import dev.hourglass.agent.web.AgentStatus;
import dev.hourglass.agent.web.Dashboard;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.bootstrap.JdbcCalls;
import dev.hourglass.bootstrap.HttpClientCalls;
import dev.hourglass.bootstrap.ServerRequests;
import dev.hourglass.exporter.ExportStats;
import dev.hourglass.instrumentation.Instrumentations;
import dev.hourglass.instrumentation.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
    // For the local web server (/api/alerts, /api/health); null when alerting is off.
    AlertsView alerts =
        Alerting.install(config, clock, registry, ResourceFactory.serviceName(config));

    ServerRequestRecorder serverRequests = new ServerRequestRecorder(registry);
    JdbcRecorder jdbc = null;
    if (Settings.familyEnabled(config, "jdbc")) {
      jdbc = new JdbcRecorder(registry, JdbcConfig.read(config, interval));
      serverRequests.addListener(jdbc.requestEndListener());
      JdbcCalls.install(jdbc);
    }
    DownstreamHosts downstreamHosts = null;
    if (Settings.familyEnabled(config, "httpclient")) {
      downstreamHosts = installHttpClientRecorders(config, registry, serverRequests);
    }
    ServerRequests.install(serverRequests);

    List<TypeInstrumentation> enabled = enabledInstrumentations(config);
    Set<String> enabledFamilies = new TreeSet<>();
    enabled.forEach(woven -> enabledFamilies.add(woven.family()));
    // The views let the database and HTTP-client features fill the dashboard's sections too.
    DashboardViews views =
        Dashboard.install(
            config,
            clock,
            new AgentStatus(
                AgentVersion.get(),
                System.currentTimeMillis(),
                interval,
                List.copyOf(enabledFamilies),
                exportStats,
                config::problems));
    if (alerts != null) {
      views.setAlerts(alerts);
    }
    if (jdbc != null) {
      views.setQueries(new FindingsQueriesView(jdbc.findings()));
    }
    if (downstreamHosts != null) {
      views.setClients(new DownstreamClientsView(downstreamHosts, clock));
    }
    Duration shutdownTimeout = config.get(Settings.SHUTDOWN_TIMEOUT);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> clock.shutdown(shutdownTimeout), "hourglass-shutdown"));
    config.validate(Settings.all());
    config.reportUnknownKeys(Settings.all());
    clock.start();

    new Weaver(Agent.class.getClassLoader(), instrumentation).install(instrumentation, enabled);
    if (jdbc != null) {
      jdbc.weavingComplete();
    }
    AgentLog.info(
        String.format(
            "started in %d ms%s: instrumenting %s; exporting every %s to %s",
            (System.nanoTime() - startNanos) / 1_000_000,
            attached ? " (attached to a running JVM)" : "",
            String.join(", ", enabledFamilies),
            Durations.format(interval),
            String.join(", ", exporters)));
  }

  /** Outgoing calls, their hosts' rate limits, and their link to server routes. */
  private static DownstreamHosts installHttpClientRecorders(
      Config config, MetricRegistry registry, ServerRequestRecorder serverRequests) {
    DownstreamHosts hosts =
        new DownstreamHosts(config.get(Settings.HTTPCLIENT_HOSTS_CAP), System::currentTimeMillis);
    HttpClientCalls.install(new HttpClientRecorder(registry, hosts));
    serverRequests.addListener(new DownstreamRouteRecorder(registry));
    return hosts;
  }

  private static List<TypeInstrumentation> enabledInstrumentations(Config config) {
    List<TypeInstrumentation> enabled = new ArrayList<>();
    for (TypeInstrumentation instrumentation : Instrumentations.all()) {
      if (Settings.familyEnabled(config, instrumentation.family())) {
        enabled.add(instrumentation);
      }
    }
    return enabled;
  }
}
