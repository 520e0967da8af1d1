package dev.hourglass.it.web;

import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.Ports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link XssRouteApp} in a child JVM with the agent, its dashboard server on a free loopback port
 * and no exporter: everything a test needs to read comes from the agent's own server.
 */
public final class DashboardApp {
  public final InstrumentedApp app;
  public final String dashboard;
  final String itemsUrl;

  private DashboardApp(InstrumentedApp app, String dashboard, String itemsUrl) {
    this.app = app;
    this.dashboard = dashboard;
    this.itemsUrl = itemsUrl;
  }

  public static DashboardApp start(ChildJvm.Builder builder, String interval) {
    int port = Ports.free();
    builder
        .mainClass(XssRouteApp.class)
        .systemProperty("hourglass.http.port", String.valueOf(port))
        .systemProperty("otel.metrics.exporter", "none")
        .systemProperty("otel.metric.export.interval", interval);
    InstrumentedApp app = InstrumentedApp.start(builder, InstrumentedApp.SAMPLE_APP_READY);
    String items =
        app.jvm().awaitLine(Pattern.compile(XssRouteApp.READY), Duration.ofSeconds(5)).group(1);
    app.jvm().awaitLine(Pattern.compile("\\[hourglass\\] INFO dashboard at "), Duration.ofSeconds(30));
    return new DashboardApp(app, "http://127.0.0.1:" + port, items);
  }

  public Map<String, Object> api(String path) {
    return Json.object(text(path));
  }

  /** An answer of the agent's server as text; it must answer 200. */
  public String text(String path) {
    Http.Response response = Http.get(dashboard + path);
    if (response.status() != 200) {
      throw new AssertionError(path + " answered " + response.status() + ": " + response.body());
    }
    return response.body();
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> list(Map<String, Object> json, String field) {
    return (List<Map<String, Object>>) json.get(field);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> json, String field) {
    return (Map<String, Object>) json.get(field);
  }

  /** The route row of {@code /api/metrics} with this id, or null. */
  static Map<String, Object> route(Map<String, Object> metrics, String id) {
    for (Map<String, Object> route : list(metrics, "routes")) {
      if (route.get("id").equals(id)) {
        return route;
      }
    }
    return null;
  }

  /** Waits until {@code /api/metrics} lists every route id, at most {@code timeout}. */
  Map<String, Object> awaitRoutes(Duration timeout, String... ids) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> metrics;
    do {
      metrics = api("/api/metrics");
      boolean all = true;
      for (String id : ids) {
        all &= route(metrics, id) != null;
      }
      if (all) {
        return metrics;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("routes " + List.of(ids) + " not in /api/metrics: " + metrics);
  }
}
