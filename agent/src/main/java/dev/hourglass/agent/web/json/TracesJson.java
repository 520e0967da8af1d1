package dev.hourglass.agent.web.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.traces.Trace;
import java.io.IOException;
import java.util.List;

/** {@code /api/traces} (summaries) and {@code /api/traces/<id>} (one waterfall). */
public final class TracesJson {
  private TracesJson() {}

  public static byte[] list(List<Trace> traces) {
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("traces");
          for (Trace trace : traces) {
            json.writeStartObject();
            summary(json, trace);
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  public static byte[] trace(Trace trace) {
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          summary(json, trace);
          json.writeArrayFieldStart("entries");
          for (Trace.TraceEntry entry : trace.entries()) {
            json.writeStartObject();
            json.writeStringField("kind", entry.kind());
            json.writeNumberField("offsetMs", millis(entry.offsetNanos()));
            json.writeNumberField("durationMs", millis(entry.durationNanos()));
            if (entry.kind().equals("jdbc")) {
              json.writeStringField("statement", entry.text());
            } else {
              json.writeStringField("method", entry.method());
              json.writeStringField("host", entry.text());
              json.writeNumberField("port", entry.port());
              json.writeNumberField("status", entry.status());
            }
            json.writeStringField("error", entry.error());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void summary(JsonGenerator json, Trace trace) throws IOException {
    json.writeNumberField("id", trace.id());
    json.writeStringField("reason", trace.reason());
    json.writeStringField("method", trace.method());
    json.writeStringField("route", trace.route());
    json.writeNumberField("status", trace.status());
    json.writeStringField("errorType", trace.errorType());
    json.writeNumberField("start", trace.startEpochMillis());
    json.writeNumberField("durationMs", millis(trace.totalNanos()));
    json.writeNumberField("dbCalls", trace.dbCalls());
    json.writeNumberField("dbMs", millis(trace.dbNanos()));
    json.writeNumberField("clientCalls", trace.clientCalls());
    json.writeNumberField("clientMs", millis(trace.clientNanos()));
    json.writeNumberField("ownMs", millis(trace.ownNanos()));
    json.writeNumberField("entriesKept", trace.entries().size());
    json.writeNumberField("entriesDropped", trace.droppedEntries());
  }

  /** Milliseconds to the microsecond, as every {@code …Ms} field of the API. */
  private static double millis(long nanos) {
    return Math.round(nanos / 1000.0) / 1000.0;
  }
}
