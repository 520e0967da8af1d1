package dev.hourglass.agent.web.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.alerts.ActiveAlert;
import dev.hourglass.agent.alerts.AlertTransition;
import dev.hourglass.agent.alerts.AlertsView;
import dev.hourglass.agent.alerts.ResponseTimes;
import dev.hourglass.agent.cache.CachesView.CacheRow;
import dev.hourglass.agent.httpclient.ClientsView.DownstreamHost;
import dev.hourglass.agent.httpclient.ClientsView.RateLimit;
import dev.hourglass.agent.jdbc.findings.QueriesView.NPlusOneFinding;
import dev.hourglass.agent.jdbc.findings.QueriesView.SlowQuery;
import dev.hourglass.agent.web.views.ErrorsView.RecentError;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /api/queries}, {@code /api/clients}, {@code /api/caches}, {@code /api/alerts} and {@code /api/errors}. */
public final class SectionsJson {
  private SectionsJson() {}

  public static byte[] queries(List<SlowQuery> slowQueries, List<NPlusOneFinding> nPlusOne) {
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("slowQueries");
          for (SlowQuery query : slowQueries) {
            json.writeStartObject();
            json.writeStringField("system", query.system());
            json.writeStringField("operation", query.operation());
            json.writeStringField("statement", query.statement());
            json.writeNumberField("count", query.count());
            json.writeNumberField("slowCount", query.slowCount());
            json.writeNumberField("p50Ms", query.p50Millis());
            json.writeNumberField("p95Ms", query.p95Millis());
            json.writeNumberField("maxMs", query.maxMillis());
            json.writeStringField("lastRoute", query.lastRoute());
            json.writeNumberField("lastSeen", query.lastSeenEpochMillis());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("nPlusOne");
          for (NPlusOneFinding finding : nPlusOne) {
            json.writeStartObject();
            json.writeStringField("route", finding.route());
            json.writeStringField("statement", finding.statement());
            json.writeNumberField("occurrences", finding.occurrences());
            json.writeNumberField("maxExecutionsPerRequest", finding.maxExecutionsPerRequest());
            json.writeNumberField("lastSeen", finding.lastSeenEpochMillis());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  public static byte[] clients(List<DownstreamHost> hosts) {
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("hosts");
          for (DownstreamHost host : hosts) {
            json.writeStartObject();
            json.writeStringField("host", host.host());
            json.writeNumberField("port", host.port());
            json.writeNumberField("count", host.count());
            json.writeNumberField("errors", host.errors());
            json.writeNumberField("p95Ms", host.p95Millis());
            json.writeNumberField("maxMs", host.maxMillis());
            RateLimit limit = host.rateLimit();
            if (limit == null) {
              json.writeNullField("rateLimit");
            } else {
              json.writeObjectFieldStart("rateLimit");
              json.writeNumberField("limit", limit.limit());
              json.writeNumberField("remaining", limit.remaining());
              json.writeNumberField("resetEpochSeconds", limit.resetEpochSeconds());
              json.writeNumberField("observed", limit.observedEpochMillis());
              json.writeEndObject();
            }
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /** The Caches table: NaN (no lookups, no loads) is written as null. */
  public static byte[] caches(List<CacheRow> caches) {
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("caches");
          for (CacheRow cache : caches) {
            json.writeStartObject();
            json.writeStringField("name", cache.name());
            numberOrNull(json, "requestsPerSec", cache.requestsPerSecond());
            numberOrNull(json, "hitRatio", cache.hitRatio());
            numberOrNull(json, "missesPerSec", cache.missesPerSecond());
            numberOrNull(json, "p95LoadMs", cache.p95LoadMillis());
            json.writeArrayFieldStart("hitRatioTrend");
            for (double ratio : cache.hitRatioTrend()) {
              if (Double.isNaN(ratio)) {
                json.writeNull();
              } else {
                json.writeNumber(ratio);
              }
            }
            json.writeEndArray();
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void numberOrNull(JsonGenerator json, String field, double value)
      throws IOException {
    if (Double.isNaN(value)) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }

  /** The alert engine's state; with alerting off (null view), enabled false and empty lists. */
  public static byte[] alerts(AlertsView view) {
    List<ActiveAlert> active = view == null ? List.of() : view.active();
    List<AlertTransition> recent = view == null ? List.of() : view.recentTransitions();
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeBooleanField("enabled", view != null);
          json.writeStringField(
              "status", view == null ? "UP" : view.applicationStatus().name());
          json.writeNumberField("rules", view == null ? 0 : view.rules().size());
          json.writeArrayFieldStart("alerts");
          for (ActiveAlert alert : active) {
            json.writeStartObject();
            json.writeStringField("id", alert.id());
            json.writeStringField("rule", alert.rule());
            json.writeStringField("severity", alert.severity().label());
            json.writeStringField("state", alert.state().label());
            labels(json, alert.labels());
            json.writeNumberField("value", alert.value());
            json.writeStringField("valueText", alert.valueText());
            json.writeStringField("condition", alert.condition());
            json.writeNumberField("since", alert.sinceEpochMillis());
            json.writeNumberField("firedAt", alert.firedEpochMillis());
            json.writeStringField("acknowledgedBy", alert.acknowledgedBy());
            json.writeBooleanField("escalated", alert.escalated());
            json.writeEndObject();
          }
          json.writeEndArray();
          responseTimes(json, view == null ? Map.of() : view.responseTimes());
          json.writeArrayFieldStart("recent");
          for (AlertTransition transition : recent) {
            json.writeStartObject();
            json.writeStringField("rule", transition.rule());
            json.writeStringField("severity", transition.severity().label());
            labels(json, transition.labels());
            json.writeStringField("from", transition.from().label());
            json.writeStringField("to", transition.to().label());
            json.writeStringField("valueText", transition.valueText());
            json.writeNumberField("at", transition.atEpochMillis());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("problems");
          for (String problem : view == null ? List.<String>of() : view.problems()) {
            json.writeString(problem);
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /** Each rule's MTTR figures; means are null before the first acknowledgement or resolution. */
  private static void responseTimes(JsonGenerator json, Map<String, ResponseTimes> times)
      throws IOException {
    json.writeArrayFieldStart("responseTimes");
    for (Map.Entry<String, ResponseTimes> rule : new TreeMap<>(times).entrySet()) {
      ResponseTimes figures = rule.getValue();
      json.writeStartObject();
      json.writeStringField("rule", rule.getKey());
      json.writeNumberField("incidents", figures.fired());
      json.writeNumberField("acknowledged", figures.acknowledged());
      mean(json, "meanTimeToAckMs", figures.meanAckMillis());
      json.writeNumberField("resolved", figures.resolved());
      mean(json, "meanTimeToResolveMs", figures.meanResolveMillis());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void mean(JsonGenerator json, String field, double millis) throws IOException {
    if (Double.isNaN(millis)) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, Math.round(millis));
    }
  }

  private static void labels(JsonGenerator json, Map<String, String> labels) throws IOException {
    json.writeFieldName("labels");
    JsonOutput.strings(json, labels);
  }

  public static byte[] errors(List<RecentError> errors) {
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("errors");
          for (RecentError error : errors) {
            json.writeStartObject();
            json.writeStringField("metric", error.metric());
            json.writeStringField("type", error.type());
            json.writeStringField("message", error.message());
            json.writeStringField("route", error.route());
            json.writeNumberField("count", error.count());
            json.writeNumberField("lastSeen", error.lastSeenEpochMillis());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }
}
