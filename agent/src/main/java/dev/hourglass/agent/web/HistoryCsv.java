package dev.hourglass.agent.web;

import dev.hourglass.agent.history.HistoryRow;
import dev.hourglass.agent.history.HistoryRow.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/export?format=csv}: one row per series per step (RFC 4180: every text field quoted,
 * quotes doubled). A histogram's row fills {@code count}, {@code errors} and {@code p50_ms} … {@code
 * max_ms}; a counter's {@code count} (its increase over the step); a gauge's {@code count} (its
 * samples) and {@code value_min} … {@code value_last}; the other fields stay empty. A field that
 * starts like a spreadsheet formula gets a leading apostrophe, so a route or SQL text from the
 * application never runs as one when the file is opened.
 */
final class HistoryCsv {
  static final String HEADER =
      "time,step_seconds,kind,metric,attributes,count,errors,p50_ms,p95_ms,p99_ms,p999_ms,max_ms,"
          + "value_min,value_mean,value_max,value_last\n";

  private HistoryCsv() {}

  static byte[] of(List<HistoryRow> rows) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (HistoryRow row : rows) {
      csv.append(row.startMillis()).append(',').append(row.stepMillis() / 1000.0).append(',')
          .append(row.kind().name().toLowerCase(Locale.ROOT)).append(',');
      quoted(csv, row.metric());
      csv.append(',');
      StringBuilder attributes = new StringBuilder();
      for (Map.Entry<String, String> attribute : row.attributes().entrySet()) {
        if (attributes.length() > 0) {
          attributes.append(';');
        }
        attributes.append(attribute.getKey()).append('=').append(attribute.getValue());
      }
      quoted(csv, attributes.toString());
      csv.append(',').append(row.count()).append(',');
      if (row.kind() == Kind.HISTOGRAM) {
        csv.append(row.errors());
        for (long micros : row.quantilesMicros()) {
          csv.append(',').append(micros / 1000.0);
        }
        csv.append(",,,,");
      } else {
        csv.append(",,,,,");
        if (row.kind() == Kind.GAUGE) {
          csv.append(',').append(row.values().min()).append(',').append(row.values().mean())
              .append(',').append(row.values().max()).append(',').append(row.values().last());
        } else {
          csv.append(",,,,");
        }
      }
      csv.append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void quoted(StringBuilder csv, String text) {
    csv.append('"');
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      csv.append('\'');
    }
    csv.append(text.replace("\"", "\"\"")).append('"');
  }
}
