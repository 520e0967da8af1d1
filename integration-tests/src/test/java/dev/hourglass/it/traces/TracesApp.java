package dev.hourglass.it.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.Ports;
import dev.hourglass.it.web.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An instrumented web app whose agent keeps breakdowns of requests of 500 ms or more, with no
 * exporter and its dashboard server on a free loopback port, to read breakdowns and error groups
 * back from {@code /api/traces} and {@code /api/errors/groups}.
 */
final class TracesApp {
  static final String THRESHOLD = "500ms";

  final InstrumentedApp app;
  final String dashboard;

  private TracesApp(InstrumentedApp app, String dashboard) {
    this.app = app;
    this.dashboard = dashboard;
  }

  /** One interval for the whole test. */
  static TracesApp start(ChildJvm.Builder builder, String listening) {
    return start(builder, listening, "10m");
  }

  static TracesApp start(ChildJvm.Builder builder, String listening, String interval) {
    int port = Ports.free();
    builder
        .systemProperty("hourglass.http.port", String.valueOf(port))
        .systemProperty("hourglass.traces.threshold", THRESHOLD)
        .systemProperty("otel.metrics.exporter", "none")
        .systemProperty("otel.metric.export.interval", interval);
    InstrumentedApp app = InstrumentedApp.start(builder, listening);
    app.jvm().awaitLine(Pattern.compile("\\[hourglass\\] INFO dashboard at "), Duration.ofSeconds(30));
    return new TracesApp(app, "http://127.0.0.1:" + port);
  }

  /**
   * Two quick checkouts first, so the measured one pays no first-request costs (class loading,
   * the first connection of the pool and of the downstream call) that belong to no waterfall.
   */
  void warmUpCheckout() {
    for (int i = 0; i < 2; i++) {
      assertThat(Http.get(url("/checkout?dbMs=1&downstreamMs=1")).status()).isEqualTo(200);
    }
  }

  String url(String pathAndQuery) {
    return app.url(pathAndQuery);
  }

  Map<String, Object> api(String path) {
    Http.Response response = Http.get(dashboard + path);
    if (response.status() != 200) {
      throw new AssertionError(path + " answered " + response.status() + ": " + response.body());
    }
    return Json.object(response.body());
  }

  /** The one trace of {@code route} since {@code since}, in full (its waterfall). */
  Map<String, Object> onlyTrace(String route, long since) {
    List<Map<String, Object>> traces =
        list(api("/api/traces?route=" + route + "&since=" + since), "traces");
    assertThat(traces).as("traces of " + route).hasSize(1);
    return api("/api/traces/" + traces.get(0).get("id"));
  }

  static List<Map<String, Object>> entries(Map<String, Object> trace) {
    return list(trace, "entries");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> json, String field) {
    return (List<Map<String, Object>>) json.get(field);
  }

  /**
   * One statement that sleeps 600 ms in the database, then one call of 300 ms to the app's own
   * {@code /slow} on {@code port}: durations at least what was slept and at most {@code slackMs}
   * more, the call starting after the statement ended, the rest of the request its own time.
   */
  static void assertCheckoutWaterfall(
      Map<String, Object> trace, String sleepStatement, int port, double slackMs) {
    assertThat(trace.get("status")).isEqualTo(200L);
    List<Map<String, Object>> entries = entries(trace);
    assertThat(entries).hasSize(2);
    Map<String, Object> query = entries.get(0);
    assertThat(query.get("kind")).isEqualTo("jdbc");
    assertThat(query.get("statement")).isEqualTo(sleepStatement);
    assertThat(number(query, "durationMs")).isBetween(600.0, 600.0 + slackMs);
    assertThat(number(query, "offsetMs")).isBetween(0.0, slackMs);
    Map<String, Object> call = entries.get(1);
    assertThat(call.get("kind")).isEqualTo("http");
    assertThat(call).containsEntry("method", "GET").containsEntry("host", "127.0.0.1");
    assertThat(call.get("port")).isEqualTo((long) port);
    assertThat(call.get("status")).isEqualTo(200L);
    assertThat(number(call, "durationMs")).isBetween(300.0, 300.0 + slackMs);
    assertThat(number(call, "offsetMs"))
        .isBetween(number(query, "offsetMs") + number(query, "durationMs"), 600.0 + 2 * slackMs);
    double total = number(trace, "durationMs");
    assertThat(total).isBetween(900.0, 900.0 + 2 * slackMs);
    assertThat(number(trace, "dbMs")).isEqualTo(number(query, "durationMs"), within(0.001));
    assertThat(number(trace, "clientMs")).isEqualTo(number(call, "durationMs"), within(0.001));
    assertThat(number(trace, "ownMs"))
        .isEqualTo(total - number(trace, "dbMs") - number(trace, "clientMs"), within(0.002))
        .isBetween(0.0, slackMs);
    assertInOrderWithinTheRequest(trace);
  }

  /** Every entry starts after the one before it ended and ends within the request. */
  static void assertInOrderWithinTheRequest(Map<String, Object> trace) {
    double previousEnd = 0;
    for (Map<String, Object> entry : entries(trace)) {
      assertThat(number(entry, "offsetMs")).isGreaterThanOrEqualTo(previousEnd - 0.002); // µs rounding
      previousEnd = number(entry, "offsetMs") + number(entry, "durationMs");
    }
    assertThat(previousEnd).isLessThanOrEqualTo(number(trace, "durationMs"));
  }

  static double number(Map<String, Object> json, String field) {
    return ((Number) json.get(field)).doubleValue();
  }
}
