package dev.hourglass.agent.alerts.notify;

import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.Rule;
import java.util.Map;

/**
 * The generic webhook body, also the log line: every fact about the event as flat, typed JSON.
 * Values are in the signal's unit (seconds for latency, 0..1 for ratios); {@code valueText} and
 * {@code summary} are for people. Field order is fixed.
 */
public final class GenericPayload implements PayloadFormat {
  @Override
  public String render(AlertEvent event) {
    Rule rule = event.rule();
    return JsonText.of(
        json -> {
          json.writeStartObject();
          json.writeStringField("source", "hourglass");
          json.writeStringField("service", event.service());
          json.writeStringField("id", event.id());
          json.writeStringField("rule", rule.name());
          json.writeStringField("status", event.status().label());
          json.writeStringField("severity", rule.severity().label());
          json.writeBooleanField("reminder", event.reminder());
          json.writeStringField("summary", event.summary());
          json.writeStringField("description", rule.description());
          json.writeStringField("metric", rule.metric());
          json.writeStringField("signal", rule.signal().text());
          json.writeObjectFieldStart("labels");
          for (Map.Entry<String, String> label : event.labels().entrySet()) {
            json.writeStringField(label.getKey(), label.getValue());
          }
          json.writeEndObject();
          JsonText.number(json, "value", event.value());
          json.writeStringField("valueText", rule.format(event.value()));
          json.writeStringField("comparison", rule.comparison().symbol());
          JsonText.number(json, "threshold", rule.threshold());
          json.writeStringField("condition", rule.condition());
          json.writeStringField("startsAt", JsonText.time(event.startsAtEpochMillis()));
          json.writeStringField("at", JsonText.time(event.atEpochMillis()));
          json.writeBooleanField("escalation", event.escalation());
          json.writeStringField("acknowledgedBy", event.acknowledgedBy());
          json.writeEndObject();
        });
  }
}
