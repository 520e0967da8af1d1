package dev.hourglass.agent.web;

import com.sun.net.httpserver.HttpExchange;
import dev.hourglass.agent.config.Durations;
import dev.hourglass.agent.history.HistoryQuery;
import dev.hourglass.agent.history.HistoryQuery.Grouping;
import dev.hourglass.agent.history.HistoryReader;
import dev.hourglass.agent.history.HistoryRow;
import dev.hourglass.agent.history.HistoryView;
import dev.hourglass.agent.web.json.StoredHistoryJson;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code /api/history?from=&to=[&series=][&step=]} and {@code
 * /api/export?format=csv|json[&from=][&to=][&metric=][&step=]}: windows of the history on disk.
 * {@code to} defaults to now, the export's {@code from} to {@value #EXPORT_DEFAULT_HOURS} hours
 * before {@code to}; times are epoch ms, {@code step} a duration ({@code 10m}, {@code 1h}) or
 * {@code all} (one step over the whole window). A bad parameter answers 400 naming it; with the
 * history off, 404.
 */
final class HistoryEndpoints {
  static final int EXPORT_DEFAULT_HOURS = 24;

  private final HistoryView history;
  private final LongSupplier clock;

  HistoryEndpoints(HistoryView history, LongSupplier clock) {
    this.history = history;
    this.clock = clock;
  }

  /** True when the request asks for a window (has {@code from}), so the disk answers it. */
  static boolean asksForWindow(String rawQuery) {
    return ApiHandler.queryParameter(rawQuery, "from") != null;
  }

  void history(HttpExchange exchange) throws IOException {
    String raw = exchange.getRequestURI().getRawQuery();
    String series = ApiHandler.queryParameter(raw, "series");
    HistoryQuery query =
        query(exchange, raw, series == null ? Grouping.METRIC : Grouping.SERIES, series, null, false);
    if (query == null) {
      return;
    }
    List<HistoryRow> rows = new ArrayList<>();
    HistoryReader.Answer answer = history.read(query, rows::add);
    long from = query.fromMillis();
    long to = query.toMillis();
    Responses.json(
        exchange,
        series == null
            ? StoredHistoryJson.totals(answer, rows, from, to)
            : StoredHistoryJson.series(answer, series, rows, from, to));
  }

  void export(HttpExchange exchange) throws IOException {
    String raw = exchange.getRequestURI().getRawQuery();
    String format = ApiHandler.queryParameter(raw, "format");
    format = format == null ? "csv" : format;
    if (!format.equals("csv") && !format.equals("json")) {
      Responses.jsonError(exchange, 400, "format must be csv or json");
      return;
    }
    HistoryQuery query =
        query(exchange, raw, Grouping.SERIES, null, ApiHandler.queryParameter(raw, "metric"), true);
    if (query == null) {
      return;
    }
    List<HistoryRow> rows = new ArrayList<>();
    HistoryReader.Answer answer = history.read(query, rows::add);
    exchange.getResponseHeaders()
        .set("Content-Disposition", "attachment; filename=\"hourglass-history." + format + "\"");
    if (format.equals("csv")) {
      Responses.send(exchange, 200, "text/csv; charset=utf-8", HistoryCsv.of(rows));
    } else {
      Responses.json(
          exchange, StoredHistoryJson.export(answer, rows, query.fromMillis(), query.toMillis()));
    }
  }

  /**
   * The query, or null after answering what is wrong with it; without {@code from}, the last
   * {@value #EXPORT_DEFAULT_HOURS} hours when {@code fromOptional}.
   */
  private HistoryQuery query(
      HttpExchange exchange,
      String raw,
      Grouping grouping,
      String series,
      String metric,
      boolean fromOptional)
      throws IOException {
    if (history == null) {
      Responses.jsonError(exchange, 404, "history is off (hourglass.history.enabled=false)");
      return null;
    }
    String toText = ApiHandler.queryParameter(raw, "to");
    long to = toText == null ? clock.getAsLong() : millis(toText);
    String fromText = ApiHandler.queryParameter(raw, "from");
    long from =
        fromText == null && fromOptional
            ? Math.max(0, to - Duration.ofHours(EXPORT_DEFAULT_HOURS).toMillis())
            : millis(fromText);
    if (from < 0 || to < 0) {
      Responses.jsonError(exchange, 400, "from and to must be epoch milliseconds");
      return null;
    }
    if (to <= from) {
      Responses.jsonError(exchange, 400, "to must be after from");
      return null;
    }
    String stepText = ApiHandler.queryParameter(raw, "step");
    if ("all".equals(stepText)) {
      return new HistoryQuery(from, to, HistoryQuery.WHOLE_WINDOW, grouping, series, metric);
    }
    Duration step = stepText == null ? Duration.ZERO : Durations.parseOrNull(stepText);
    if (step == null) {
      Responses.jsonError(exchange, 400, "step must be a duration such as 10m, 1h or 1d, or all");
      return null;
    }
    return new HistoryQuery(from, to, step.toMillis(), grouping, series, metric);
  }

  private static long millis(String text) {
    if (text == null || text.isEmpty() || text.length() > 15 || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(text);
  }
}
