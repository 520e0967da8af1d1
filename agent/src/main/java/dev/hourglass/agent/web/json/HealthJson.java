package dev.hourglass.agent.web.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.alerts.AlertsView;
import dev.hourglass.agent.alerts.ApplicationStatus;
import dev.hourglass.agent.history.HistoryHealth;
import dev.hourglass.agent.history.HistoryView;
import dev.hourglass.agent.web.AgentStatus;
import dev.hourglass.agent.web.state.IntervalSummary;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.exporter.ExportStats;
import dev.hourglass.snapshot.MetricNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/health}: {@code ok}, or {@code degraded} with the reasons (advice errors, an exporter
 * whose last attempt failed, an interval clock that stopped publishing).
 */
public final class HealthJson {

  private HealthJson() {}

  public static byte[] health(
      AgentStatus status,
      IntervalSummary latest,
      long adviceErrors,
      AlertsView alerts,
      HistoryView history,
      long nowEpochMillis) {
    List<String> problems = problems(status, latest, adviceErrors, nowEpochMillis);
    if (alerts != null && alerts.applicationStatus() == ApplicationStatus.DEGRADED) {
      problems.add("a critical alert is firing");
    }
    if (alerts != null) {
      alerts.notifications().failing().forEach(
          (notifier, reason) -> problems.add("alert notifier " + notifier + " failing: " + reason));
    }
    if (history != null) {
      problems.addAll(history.health().problems());
    }
    return JsonOutput.bytes(
        json -> {
          json.writeStartObject();
          json.writeStringField("status", problems.isEmpty() ? "ok" : "degraded");
          json.writeArrayFieldStart("problems");
          for (String problem : problems) {
            json.writeString(problem);
          }
          json.writeEndArray();
          json.writeStringField("version", status.version());
          json.writeNumberField("started", status.startEpochMillis());
          json.writeNumberField("uptimeSeconds", (nowEpochMillis - status.startEpochMillis()) / 1000);
          json.writeNumberField("intervalSeconds", status.interval().toMillis() / 1000.0);
          json.writeNumberField("lastInterval", latest == null ? 0 : latest.sequence());
          json.writeNumberField("lastIntervalEnd", latest == null ? 0 : latest.endEpochMillis());
          json.writeArrayFieldStart("instrumentations");
          for (String family : status.instrumentations()) {
            json.writeString(family);
          }
          json.writeEndArray();
          json.writeArrayFieldStart("exporters");
          for (ExportStats exporter : status.exporters()) {
            exporter(json, exporter, nowEpochMillis);
          }
          json.writeEndArray();
          json.writeNumberField("adviceErrors", adviceErrors);
          Throwable firstAdviceError = AdviceErrors.first();
          json.writeStringField(
              "firstAdviceError",
              firstAdviceError == null ? null : AdviceErrors.describe(firstAdviceError));
          json.writeNumberField(
              "seriesOverflow",
              latest == null ? 0 : latest.counterTotals().getOrDefault(MetricNames.SERIES_OVERFLOW, 0L));
          json.writeStringField(
              "applicationStatus", alerts == null ? "UP" : alerts.applicationStatus().name());
          json.writeNumberField("activeAlerts", alerts == null ? 0 : alerts.active().size());
          if (history != null) {
            history(json, history.health());
          }
          json.writeArrayFieldStart("configProblems");
          for (String problem : status.configProblems().get()) {
            json.writeString(problem);
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void exporter(JsonGenerator json, ExportStats stats, long now) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", stats.exporter());
    json.writeNumberField("exportedPoints", stats.exportedPoints());
    json.writeNumberField("droppedPoints", stats.droppedPoints());
    json.writeNumberField("failedAttempts", stats.failedAttempts());
    // The memory bound at work while the collector is away, when OTLP cannot report it.
    json.writeNumberField("queuedSnapshots", stats.queuedSnapshots());
    json.writeNumberField("lastSuccess", stats.lastSuccessEpochMillis());
    age(json, "lastSuccessAgeSeconds", stats.lastSuccessEpochMillis(), now);
    json.writeNumberField("lastFailure", stats.lastFailureEpochMillis());
    age(json, "lastFailureAgeSeconds", stats.lastFailureEpochMillis(), now);
    json.writeStringField("lastFailureReason", stats.lastFailure());
    json.writeNumberField("lastDurationMs", JsonOutput.round(stats.lastDurationNanos() / 1e6, 3));
    json.writeEndObject();
  }

  /** What the history on disk holds and what it lost, each counted since start. */
  private static void history(JsonGenerator json, HistoryHealth health) throws IOException {
    json.writeObjectFieldStart("history");
    json.writeNumberField("storedBytes", health.storedBytes());
    json.writeNumberField("bytesWritten", health.bytesWritten());
    json.writeNumberField("droppedFiles", health.droppedFiles());
    json.writeNumberField("droppedBytes", health.droppedBytes());
    json.writeNumberField("expiredFiles", health.expiredFiles());
    json.writeNumberField("lostSteps", health.lostSteps());
    json.writeNumberField("lostIntervals", health.lostIntervals());
    json.writeEndObject();
  }

  private static void age(JsonGenerator json, String field, long epochMillis, long now)
      throws IOException {
    if (epochMillis == 0) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, JsonOutput.round((now - epochMillis) / 1000.0, 1));
    }
  }

  static List<String> problems(
      AgentStatus status, IntervalSummary latest, long adviceErrors, long now) {
    List<String> problems = new ArrayList<>();
    if (adviceErrors > 0) {
      problems.add(adviceErrors + " error(s) inside instrumentation advice were swallowed");
    }
    for (ExportStats exporter : status.exporters()) {
      if (exporter.lastFailureEpochMillis() > exporter.lastSuccessEpochMillis()) {
        problems.add(exporter.exporter() + " export failing: " + exporter.lastFailure());
      }
    }
    long stale = 3 * status.interval().toMillis();
    long lastTick = latest == null ? status.startEpochMillis() : latest.endEpochMillis();
    if (now - lastTick > stale) {
      problems.add("no interval published for " + (now - lastTick) / 1000 + " s");
    }
    return problems;
  }
}
