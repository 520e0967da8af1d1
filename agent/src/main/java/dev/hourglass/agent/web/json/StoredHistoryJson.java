package dev.hourglass.agent.web.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.history.HistoryReader;
import dev.hourglass.agent.history.HistoryRow;
import dev.hourglass.agent.history.HistoryRow.Kind;
import dev.hourglass.agent.history.HistoryRow.StepValues;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/history?from=…} and {@code /api/export?format=json}: rows read from disk. A
 * histogram's row has {@code count}, {@code errors} and {@code p50Ms} … {@code maxMs}; a counter's
 * {@code count} (its increase over the step); a gauge's {@code samples}, {@code min}, {@code mean},
 * {@code max} and {@code last}.
 */
public final class StoredHistoryJson {
  private StoredHistoryJson() {}

  /**
   * Per step, every latency metric's {@code totals} and every counter's and gauge's {@code values}
   * (rows grouped by metric); the series ids seen.
   */
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
            int end = i;
            while (end < rows.size() && rows.get(end).startMillis() == time) {
              end++;
            }
            List<HistoryRow> step = rows.subList(i, end);
            byMetric(json, "totals", step, true);
            byMetric(json, "values", step, false);
            json.writeEndObject();
            i = end;
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
            json.writeStringField("kind", row.kind().name().toLowerCase(java.util.Locale.ROOT));
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

  private static void byMetric(
      JsonGenerator json, String field, List<HistoryRow> step, boolean histograms)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (HistoryRow row : step) {
      if ((row.kind() == Kind.HISTOGRAM) == histograms) {
        json.writeFieldName(row.id());
        json.writeStartObject();
        stats(json, row);
        json.writeEndObject();
      }
    }
    json.writeEndObject();
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
    if (row.kind() == Kind.COUNTER) {
      json.writeNumberField("count", row.count());
      return;
    }
    if (row.kind() == Kind.GAUGE) {
      StepValues values = row.values();
      json.writeNumberField("samples", values.samples());
      json.writeNumberField("min", values.min());
      json.writeNumberField("mean", values.mean());
      json.writeNumberField("max", values.max());
      json.writeNumberField("last", values.last());
      return;
    }
    json.writeNumberField("count", row.count());
    json.writeNumberField("errors", row.errors());
    String[] fields = {"p50Ms", "p95Ms", "p99Ms", "p999Ms", "maxMs"};
    for (int i = 0; i < fields.length; i++) {
      json.writeNumberField(fields[i], row.quantilesMicros()[i] / 1000.0);
    }
  }
}
