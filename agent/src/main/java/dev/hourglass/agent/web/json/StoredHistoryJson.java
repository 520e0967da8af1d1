package dev.hourglass.agent.web.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.history.HistoryReader;
import dev.hourglass.agent.history.HistoryRow;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code /api/history?from=…} and {@code /api/export?format=json}: rows read from disk. */
public final class StoredHistoryJson {
  private StoredHistoryJson() {}

  /** Per step, every metric's totals (rows grouped by metric); the series ids seen. */
  public static byte[] totals(HistoryReader.Answer answer, List<HistoryRow> rows, long from, long to) {
    return JsonOutput.bytes(
        json -> {
          window(json, answer, from, to);
          json.writeArrayFieldStart("series");
          for (String id : answer.series()) {
            json.writeString(id);
          }
          json.writeEndArray();
          json.writeArrayFieldStart("points");
          for (int i = 0; i < rows.size(); ) {
            long time = rows.get(i).startMillis();
            json.writeStartObject();
            json.writeNumberField("time", time);
            json.writeObjectFieldStart("totals");
            for (; i < rows.size() && rows.get(i).startMillis() == time; i++) {
              json.writeFieldName(rows.get(i).id());
              json.writeStartObject();
              stats(json, rows.get(i));
              json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /** One series' points. */
  public static byte[] series(
      HistoryReader.Answer answer, String series, List<HistoryRow> rows, long from, long to) {
    return JsonOutput.bytes(
        json -> {
          window(json, answer, from, to);
          json.writeStringField("series", series);
          json.writeArrayFieldStart("points");
          for (HistoryRow row : rows) {
            json.writeStartObject();
            json.writeNumberField("time", row.startMillis());
            stats(json, row);
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /** Every row: one per series per step. */
  public static byte[] export(HistoryReader.Answer answer, List<HistoryRow> rows, long from, long to) {
    return JsonOutput.bytes(
        json -> {
          window(json, answer, from, to);
          json.writeArrayFieldStart("rows");
          for (HistoryRow row : rows) {
            json.writeStartObject();
            json.writeNumberField("time", row.startMillis());
            json.writeStringField("metric", row.metric());
            json.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> attribute : row.attributes().entrySet()) {
              json.writeStringField(attribute.getKey(), attribute.getValue());
            }
            json.writeEndObject();
            stats(json, row);
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void window(JsonGenerator json, HistoryReader.Answer answer, long from, long to)
      throws IOException {
    json.writeStartObject();
    json.writeNumberField("from", from);
    json.writeNumberField("to", to);
    json.writeStringField("resolution", answer.resolution().name());
    json.writeNumberField("stepSeconds", answer.stepMillis() / 1000.0);
  }

  private static void stats(JsonGenerator json, HistoryRow row) throws IOException {
    json.writeNumberField("count", row.count());
    json.writeNumberField("errors", row.errors());
    String[] fields = {"p50Ms", "p95Ms", "p99Ms", "p999Ms", "maxMs"};
    for (int i = 0; i < fields.length; i++) {
      json.writeNumberField(fields[i], row.quantilesMicros()[i] / 1000.0);
    }
  }
}
