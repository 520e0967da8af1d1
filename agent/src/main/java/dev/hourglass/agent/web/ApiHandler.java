package dev.hourglass.agent.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hourglass.agent.history.HistoryView;
import dev.hourglass.agent.jdbc.findings.QueriesView;
import dev.hourglass.agent.traces.Trace;
import dev.hourglass.agent.web.json.ErrorGroupsJson;
import dev.hourglass.agent.web.json.HealthJson;
import dev.hourglass.agent.web.json.JsonOutput;
import dev.hourglass.agent.web.json.RulesJson;
import dev.hourglass.agent.web.json.MetricsJson;
import dev.hourglass.agent.web.json.SectionsJson;
import dev.hourglass.agent.web.json.TracesJson;
import dev.hourglass.agent.web.state.DashboardState;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.exporter.prometheus.PrometheusFormat;
import dev.hourglass.exporter.prometheus.PrometheusScrapeView;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Routes every request of the agent's server: the dashboard page and its assets, {@code /api/*}
 * and {@code /metrics}, for GET and HEAD; other methods go to {@link WriteEndpoints}. Each answer serializes values prepared on the clock
 * thread, so it takes a few milliseconds even with 1,000 series. A failure answers 500 and is
 * logged once; it never reaches the application.
 */
final class ApiHandler implements HttpHandler {
  private final AccessGuard guard;
  private final StaticAssets assets;
  private final DashboardState state;
  private final DashboardViews views;
  private final PrometheusScrapeView prometheus;
  private final AgentStatus status;
  private final WriteEndpoints writes;

  ApiHandler(
      AccessGuard guard,
      StaticAssets assets,
      DashboardState state,
      DashboardViews views,
      PrometheusScrapeView prometheus,
      AgentStatus status) {
    this.guard = guard;
    this.assets = assets;
    this.state = state;
    this.views = views;
    this.prometheus = prometheus;
    this.status = status;
    this.writes = new WriteEndpoints(guard, views, status.interval(), System::currentTimeMillis);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean read = method.equals("GET") || method.equals("HEAD");
      if (!read && !method.equals("POST") && !method.equals("PUT") && !method.equals("DELETE")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST, PUT, DELETE");
        Responses.text(exchange, 405, "Only GET, HEAD, POST, PUT and DELETE");
        return;
      }
      AccessGuard.Access access = guard.admit(exchange);
      if (access == null) {
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (!read) {
        writes.handle(exchange, access, method, path);
      } else if (path.equals("/api/session")) {
        session(exchange, access);
      } else if (path.equals("/api/rules")) {
        Responses.json(exchange, RulesJson.rules(views.ruleStore(), access.canWrite()));
      } else {
        route(exchange, path);
      }
    } catch (RuntimeException e) {
      AgentLog.warnOnce("web-handler", "dashboard request failed: " + AgentLog.describe(e));
      Responses.text(exchange, 500, "internal error");
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    double interval = status.interval().toMillis() / 1000.0;
    switch (path) {
      case "/metrics" -> metrics(exchange);
      case "/api/metrics" -> Responses.json(exchange, MetricsJson.metrics(state.latest(), interval));
      case "/api/history" -> history(exchange, interval);
      case "/api/export" -> stored().export(exchange);
      case "/api/queries" -> {
        QueriesView queries = views.queries();
        Responses.json(
            exchange, SectionsJson.queries(queries.slowQueries(), queries.nPlusOneFindings()));
      }
      case "/api/clients" -> Responses.json(exchange, SectionsJson.clients(views.clients().hosts()));
      case "/api/caches" -> Responses.json(exchange, SectionsJson.caches(views.caches().caches()));
      case "/api/alerts" -> Responses.json(exchange, SectionsJson.alerts(views.alerts()));
      case "/api/errors" -> Responses.json(exchange, SectionsJson.errors(views.errors().recent()));
      case "/api/health" ->
          Responses.json(
              exchange,
              HealthJson.health(
                  status,
                  state.latest(),
                  AdviceErrors.count(),
                  views.alerts(),
                  views.history(),
                  System.currentTimeMillis()));
      case "/api/traces" -> traces(exchange);
      case "/api/errors/groups" -> Responses.json(exchange, ErrorGroupsJson.groups(views.errorGroups()));
      default -> {
        if (path.startsWith("/api/traces/")) {
          trace(exchange, path.substring("/api/traces/".length()));
          return;
        }
        StaticAssets.Asset asset = assets.get(path);
        if (asset == null) {
          Responses.text(exchange, 404, "Not found");
        } else {
          Responses.send(exchange, 200, asset.contentType(), asset.bytes());
        }
      }
    }
  }

  /**
   * {@code /api/session}: what this browser may do, and the CSRF token its writes must carry
   * (a session cookie is set first if it has none).
   */
  private void session(HttpExchange exchange, AccessGuard.Access access) throws IOException {
    String session = access.session();
    if (access.canWrite() && access.byCookie() && session == null) {
      session = guard.newSession();
      exchange.getResponseHeaders().add("Set-Cookie", AccessGuard.cookieHeader(AccessGuard.SESSION, session));
    }
    String csrf = access.canWrite() && session != null ? guard.csrfToken(session) : null;
    Responses.json(
        exchange,
        JsonOutput.bytes(
            json -> {
              json.writeStartObject();
              json.writeStringField("role", access.role().name().toLowerCase(java.util.Locale.ROOT));
              json.writeBooleanField("canWrite", access.canWrite());
              json.writeStringField("csrf", csrf);
              json.writeStringField(
                  "howToEdit",
                  access.canWrite()
                      ? null
                      : guard.editingEnabled()
                          ? "this token gives read-only access; open the dashboard with the write token"
                              + " (hourglass.http.token) to edit"
                          : AccessGuard.ENABLE_EDITING);
              json.writeEndObject();
            }));
  }

  private void history(HttpExchange exchange, double interval) throws IOException {
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (HistoryEndpoints.asksForWindow(rawQuery)) {
      stored().history(exchange);
      return;
    }
    String series = queryParameter(rawQuery, "series");
    if (series == null) {
      Responses.json(exchange, MetricsJson.history(state.history(), interval));
      return;
    }
    byte[] body = MetricsJson.routeHistory(state.history(), series, interval);
    if (body == null) {
      Responses.jsonError(exchange, 404, "no history for series " + series);
    } else {
      Responses.json(exchange, body);
    }
  }

  /** {@code ?route=} one route's traces (else all), {@code ?since=} epoch ms (else all kept). */
  private void traces(HttpExchange exchange) throws IOException {
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String since = queryParameter(rawQuery, "since");
    long sinceMillis = 0;
    if (since != null) {
      try {
        sinceMillis = Long.parseLong(since.trim());
      } catch (NumberFormatException e) {
        Responses.jsonError(exchange, 400, "since must be epoch milliseconds");
        return;
      }
    }
    String route = queryParameter(rawQuery, "route");
    Responses.json(exchange, TracesJson.list(views.traces().traces(route, sinceMillis)));
  }

  private void trace(HttpExchange exchange, String id) throws IOException {
    Trace trace = null;
    try {
      trace = views.traces().trace(Long.parseLong(id));
    } catch (NumberFormatException e) {
      // not a trace id: 404 like any unknown trace
    }
    if (trace == null) {
      Responses.jsonError(exchange, 404, "no such trace");
    } else {
      Responses.json(exchange, TracesJson.trace(trace));
    }
  }

  private HistoryEndpoints stored() {
    HistoryView history = views.history();
    return new HistoryEndpoints(
        history, history == null ? System::currentTimeMillis : history::nowMillis);
  }

  private void metrics(HttpExchange exchange) throws IOException {
    PrometheusFormat format =
        PrometheusFormat.negotiate(exchange.getRequestHeaders().getFirst("Accept"));
    String acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    if (acceptEncoding != null && acceptEncoding.contains("gzip")) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      Responses.send(exchange, 200, format.contentType(), prometheus.scrapeGzip(format));
    } else {
      Responses.send(exchange, 200, format.contentType(), prometheus.scrape(format));
    }
  }

  static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
