package dev.hourglass.agent.web.json;

import dev.hourglass.agent.web.views.AlertsView.ActiveAlert;
import dev.hourglass.agent.web.views.ClientsView.DownstreamHost;
import dev.hourglass.agent.web.views.ClientsView.RateLimit;
import dev.hourglass.agent.web.views.ErrorsView.RecentError;
import dev.hourglass.agent.web.views.QueriesView.NPlusOneFinding;
import dev.hourglass.agent.web.views.QueriesView.SlowQuery;
import java.util.List;

/** {@code /api/queries}, {@code /api/clients}, {@code /api/alerts} and {@code /api/errors}. */
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

  public static byte[] alerts(List<ActiveAlert> alerts) {
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("alerts");
          for (ActiveAlert alert : alerts) {
            json.writeStartObject();
            json.writeStringField("name", alert.name());
            json.writeStringField("severity", alert.severity());
            json.writeStringField("state", alert.state());
            json.writeStringField("summary", alert.summary());
            json.writeNumberField("value", alert.value());
            json.writeNumberField("threshold", alert.threshold());
            json.writeNumberField("since", alert.sinceEpochMillis());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
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
