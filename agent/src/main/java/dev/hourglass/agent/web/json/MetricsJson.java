package dev.hourglass.agent.web.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.web.state.History;
import dev.hourglass.agent.web.state.HistoryPoint;
import dev.hourglass.agent.web.state.IntervalSummary;
import dev.hourglass.agent.web.state.LatencyStats;
import dev.hourglass.agent.web.state.RoutePoint;
import dev.hourglass.agent.web.state.RouteRow;
import dev.hourglass.agent.web.state.RuntimeSample;
import dev.hourglass.agent.web.state.SeriesRow;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code /api/metrics} and {@code /api/history}. */
public final class MetricsJson {
  private MetricsJson() {}

  /** The latest interval; before the first one ends, sequence 0 and empty lists. */
  public static byte[] metrics(IntervalSummary summary, double intervalSeconds) {
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          if (summary == null) {
            json.writeNumberField("sequence", 0);
            json.writeNumberField("intervalSeconds", intervalSeconds);
            json.writeObjectFieldStart("totals");
            json.writeEndObject();
            json.writeArrayFieldStart("routes");
            json.writeEndArray();
            json.writeArrayFieldStart("series");
            json.writeEndArray();
            json.writeEndObject();
            return;
          }
          json.writeNumberField("sequence", summary.sequence());
          json.writeNumberField("start", summary.startEpochMillis());
          json.writeNumberField("end", summary.endEpochMillis());
          json.writeNumberField("intervalSeconds", JsonOutput.round(summary.seconds(), 3));
          totals(json, summary.totals());
          json.writeFieldName("runtime");
          JsonOutput.runtime(json, summary.runtime());
          json.writeArrayFieldStart("routes");
          for (RouteRow route : summary.routes()) {
            json.writeStartObject();
            json.writeStringField("id", route.id());
            json.writeStringField("method", route.method());
            json.writeStringField("route", route.route());
            json.writeFieldName("interval");
            JsonOutput.latency(json, route.interval());
            json.writeFieldName("total");
            JsonOutput.total(json, route.total());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("series");
          for (SeriesRow series : summary.series()) {
            json.writeStartObject();
            json.writeStringField("metric", series.metric());
            json.writeFieldName("attributes");
            JsonOutput.strings(json, series.attributes());
            json.writeFieldName("interval");
            JsonOutput.latency(json, series.interval());
            json.writeFieldName("total");
            JsonOutput.total(json, series.total());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /** Every interval kept: merged totals per metric and the JVM sample; ids of route histories. */
  public static byte[] history(History history, double intervalSeconds) {
    List<HistoryPoint> points = history.totals();
    List<String> routes = history.routeIds();
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeNumberField("intervalSeconds", intervalSeconds);
          json.writeNumberField("capacity", history.capacity());
          json.writeArrayFieldStart("series");
          for (String id : routes) {
            json.writeString(id);
          }
          json.writeEndArray();
          json.writeArrayFieldStart("points");
          for (HistoryPoint point : points) {
            json.writeStartObject();
            json.writeNumberField("sequence", point.sequence());
            json.writeNumberField("time", point.endEpochMillis());
            json.writeNumberField("seconds", JsonOutput.round(point.seconds(), 3));
            totals(json, point.totals());
            json.writeFieldName("runtime");
            JsonOutput.runtime(json, point.runtime() == null ? RuntimeSample.NONE : point.runtime());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /** One route's intervals, or null if it has no history. */
  public static byte[] routeHistory(History history, String id, double intervalSeconds) {
    List<RoutePoint> points = history.route(id);
    if (points == null) {
      return null;
    }
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeStringField("series", id);
          json.writeNumberField("intervalSeconds", intervalSeconds);
          json.writeArrayFieldStart("points");
          for (RoutePoint point : points) {
            json.writeStartObject();
            json.writeNumberField("time", point.endEpochMillis());
            json.writeNumberField("count", point.count());
            json.writeNumberField("errors", point.errors());
            json.writeNumberField("p50Ms", point.p50Millis());
            json.writeNumberField("p95Ms", point.p95Millis());
            json.writeNumberField("p99Ms", point.p99Millis());
            json.writeNumberField("maxMs", point.maxMillis());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void totals(JsonGenerator json, Map<String, LatencyStats> totals)
      throws IOException {
    json.writeObjectFieldStart("totals");
    for (Map.Entry<String, LatencyStats> entry : totals.entrySet()) {
      json.writeFieldName(entry.getKey());
      JsonOutput.latency(json, entry.getValue());
    }
    json.writeEndObject();
  }
}
