package dev.hourglass.agent.web;

import com.sun.net.httpserver.HttpExchange;
import dev.hourglass.agent.alerts.ActiveAlert;
import dev.hourglass.agent.alerts.AlertControl;
import dev.hourglass.agent.alerts.AlertsView;
import dev.hourglass.agent.alerts.Rule;
import dev.hourglass.agent.alerts.RulePreview;
import dev.hourglass.agent.alerts.RuleSet;
import dev.hourglass.agent.alerts.RuleStore;
import dev.hourglass.agent.alerts.AlertControl.Acknowledgement;
import dev.hourglass.agent.web.json.JsonOutput;
import dev.hourglass.agent.web.views.DashboardViews;
import dev.hourglass.agent.history.HistoryQuery;
import dev.hourglass.agent.history.HistoryRow;
import dev.hourglass.agent.history.HistoryView;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests that change something: {@code POST /api/alerts/<id>/ack} with an optional body
 * {@code {"by": "<who>"}}; {@code PUT /api/rules/<name>} with the rule's fields as a flat JSON
 * object (creates or replaces a rule of the rules file; {@code "enabled": "false"} disables it);
 * {@code DELETE /api/rules/<name>}; {@code POST /api/rules/preview} (see {@link #preview}). Saved
 * rules run from the next interval. Each passes {@link AccessGuard#admitWrite} first (write token, and
 * for browsers Origin and CSRF token). Answers JSON; a bad request 400 naming what is wrong.
 */
final class WriteEndpoints {
  private static final Pattern ACK = Pattern.compile("/api/alerts/([0-9a-f]{1,64})/ack");
  private static final Pattern RULE = Pattern.compile("/api/rules/([a-z0-9][a-z0-9._-]{0,199})");
  private static final int MAX_WHO = 100;

  private static final Duration PREVIEW_WINDOW = Duration.ofHours(1);

  private final AccessGuard guard;
  private final DashboardViews views;
  private final Duration interval;
  private final LongSupplier clock;

  WriteEndpoints(AccessGuard guard, DashboardViews views, Duration interval, LongSupplier clock) {
    this.guard = guard;
    this.views = views;
    this.interval = interval;
    this.clock = clock;
  }

  void handle(HttpExchange exchange, AccessGuard.Access access, String method, String path)
      throws IOException {
    Matcher ack = ACK.matcher(path);
    Matcher rule = RULE.matcher(path);
    boolean preview = path.equals("/api/rules/preview");
    String allowed = ack.matches() || preview ? "POST" : rule.matches() ? "PUT, DELETE" : "GET, HEAD";
    if (!allowed.contains(method)) {
      exchange.getResponseHeaders().set("Allow", allowed);
      Responses.jsonError(exchange, 405, "use " + allowed);
      return;
    }
    if (!guard.admitWrite(exchange, access)) {
      return;
    }
    if (ack.matches()) {
      acknowledge(exchange, access, ack.group(1));
    } else if (preview) {
      preview(exchange);
    } else {
      changeRule(exchange, method, rule.group(1));
    }
  }

  /**
   * {@code POST /api/rules/preview} with a rule's fields: what it would have done over the last
   * hour of the history on disk, and its signal's range there (for the threshold slider).
   */
  private void preview(HttpExchange exchange) throws IOException {
    RuleStore store = views.ruleStore();
    HistoryView history = views.history();
    if (store == null) {
      Responses.jsonError(exchange, 404, "alerting is off (hourglass.alerts.enabled=false)");
      return;
    }
    Rule rule;
    try {
      Map<String, String> fields = RequestBody.fields(exchange);
      String name = fields.remove("name");
      rule = store.parse(name == null || name.isBlank() ? "preview" : name.trim(), fields);
    } catch (RequestBody.Invalid | RuleStore.Refusal e) {
      Responses.jsonError(exchange, 400, e.getMessage());
      return;
    }
    long now = clock.getAsLong();
    List<HistoryRow> rows = new ArrayList<>();
    if (history != null && history.available()) {
      history.read(
          new HistoryQuery(now - PREVIEW_WINDOW.toMillis(), now, 0, HistoryQuery.Grouping.SERIES, null, rule.metric()),
          rows::add);
    }
    RulePreview.Result result = RulePreview.run(rule, rows, interval);
    Responses.json(
        exchange,
        JsonOutput.bytes(
            json -> {
              json.writeStartObject();
              json.writeNumberField("firings", result.firings());
              json.writeNumberField("steps", result.steps());
              json.writeNumberField("stepSeconds", result.stepMillis() / 1000);
              json.writeArrayFieldStart("firedAt");
              for (long at : result.firedAt()) {
                json.writeNumber(at);
              }
              json.writeEndArray();
              number(json, "min", result.min());
              number(json, "max", result.max());
              json.writeStringField("minText", Double.isNaN(result.min()) ? null : rule.format(result.min()));
              json.writeStringField("maxText", Double.isNaN(result.max()) ? null : rule.format(result.max()));
              json.writeStringField("threshold", rule.format(rule.threshold()));
              json.writeStringField("unit", rule.signal().unit().name().toLowerCase(java.util.Locale.ROOT));
              json.writeStringField("unsupported", result.unsupported());
              json.writeStringField("text", text(result));
              json.writeEndObject();
            }));
  }

  private static String text(RulePreview.Result result) {
    if (result.unsupported() != null) {
      return "no preview: " + result.unsupported();
    }
    if (result.steps() == 0) {
      return "no history of this metric in the last hour";
    }
    return "would have fired " + result.firings() + (result.firings() == 1 ? " time" : " times")
        + " in the last hour";
  }

  private static void number(com.fasterxml.jackson.core.JsonGenerator json, String field, double value)
      throws IOException {
    if (Double.isNaN(value)) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }

  private void changeRule(HttpExchange exchange, String method, String name) throws IOException {
    RuleStore store = views.ruleStore();
    AlertControl alerts = views.alertControl();
    if (store == null || alerts == null) {
      Responses.jsonError(exchange, 404, "alerting is off (hourglass.alerts.enabled=false)");
      return;
    }
    RuleSet running;
    try {
      if (method.equals("DELETE")) {
        running = store.delete(name);
      } else {
        Map<String, String> fields = RequestBody.fields(exchange);
        fields.remove("name"); // the path names the rule
        running = store.save(name, fields);
      }
    } catch (RequestBody.Invalid | RuleStore.Refusal e) {
      Responses.jsonError(exchange, e instanceof RuleStore.Refusal && store.file() == null ? 409 : 400, e.getMessage());
      return;
    }
    alerts.replaceRules(running);
    Responses.json(
        exchange,
        JsonOutput.bytes(
            json -> {
              json.writeStartObject();
              json.writeStringField("rule", name);
              json.writeStringField("result", method.equals("DELETE") ? "deleted" : "saved");
              json.writeNumberField("rulesRunning", running.rules().size());
              json.writeEndObject();
            }));
  }

  private void acknowledge(HttpExchange exchange, AccessGuard.Access access, String id)
      throws IOException {
    AlertControl alerts = views.alertControl();
    if (alerts == null) {
      Responses.jsonError(exchange, 404, "alerting is off (hourglass.alerts.enabled=false)");
      return;
    }
    Map<String, String> body;
    try {
      body = RequestBody.fields(exchange);
    } catch (RequestBody.Invalid e) {
      Responses.jsonError(exchange, 400, e.getMessage());
      return;
    }
    String by = body.get("by");
    if (by == null || by.isBlank()) {
      by = access.byCookie() ? "dashboard" : "api";
    }
    by = by.trim();
    if (by.length() > MAX_WHO || !by.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
      Responses.jsonError(exchange, 400, "field 'by': expected a name of at most " + MAX_WHO + " printable characters");
      return;
    }
    Acknowledgement result = alerts.acknowledge(id, by);
    int status =
        switch (result) {
          case ACKNOWLEDGED -> 200;
          case UNKNOWN -> 404;
          default -> 409;
        };
    String who = by;
    long at = acknowledgedAt(id);
    Responses.send(
        exchange,
        status,
        Responses.JSON,
        JsonOutput.bytes(
            json -> {
              json.writeStartObject();
              json.writeStringField("id", id);
              json.writeStringField("result", result.name().toLowerCase(java.util.Locale.ROOT));
              json.writeStringField("by", who);
              json.writeNumberField("at", at);
              json.writeEndObject();
            }));
  }

  /** When the alert was acknowledged, epoch ms; 0 if it is not (any longer). */
  private long acknowledgedAt(String id) {
    AlertsView view = views.alerts();
    for (ActiveAlert alert : view == null ? java.util.List.<ActiveAlert>of() : view.active()) {
      if (alert.id().equals(id) && alert.acknowledgedBy() != null) {
        return alert.sinceEpochMillis();
      }
    }
    return 0;
  }
}
