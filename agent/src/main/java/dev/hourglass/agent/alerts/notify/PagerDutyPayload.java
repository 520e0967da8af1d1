package dev.hourglass.agent.alerts.notify;

import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.AlertState;
import dev.hourglass.agent.alerts.Rule;
import dev.hourglass.agent.alerts.Severity;
import java.util.Map;

/**
 * A PagerDuty Events API v2 event ({@code POST /v2/enqueue}): {@code trigger} when an alert fires
 * (reminders and escalations re-trigger, which PagerDuty folds into the open incident), {@code
 * acknowledge} and {@code resolve} after. All of an alert's events carry the same {@code
 * dedup_key}, built from the service and the alert's stable id, so they act on one incident; a
 * later incident of the same alert reuses the key, which PagerDuty opens anew once the old one is
 * resolved. Only {@code trigger} carries the {@code payload} (the API ignores it otherwise).
 */
public final class PagerDutyPayload implements PayloadFormat {
  private static final int MAX_SUMMARY = 1024; // the API truncates longer summaries
  private static final int MAX_DEDUP_KEY = 255;

  private final String routingKey;

  /** @param routingKey the integration key of the PagerDuty service's Events API v2 integration */
  public PagerDutyPayload(String routingKey) {
    this.routingKey = routingKey;
  }

  /** {@code hourglass:<service>:<alert id>}, at most 255 characters as the API requires. */
  public static String dedupKey(AlertEvent event) {
    String key = "hourglass:" + event.service() + ":" + event.id();
    return key.length() <= MAX_DEDUP_KEY ? key : key.substring(key.length() - MAX_DEDUP_KEY);
  }

  @Override
  public String render(AlertEvent event) {
    return JsonText.of(
        json -> {
          json.writeStartObject();
          json.writeStringField("routing_key", routingKey);
          json.writeStringField("event_action", action(event.status()));
          json.writeStringField("dedup_key", dedupKey(event));
          if (event.firing()) {
            Rule rule = event.rule();
            String summary = event.summary();
            json.writeObjectFieldStart("payload");
            json.writeStringField(
                "summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY));
            json.writeStringField("source", event.service());
            json.writeStringField("severity", rule.severity() == Severity.CRITICAL ? "critical" : "warning");
            json.writeStringField("timestamp", JsonText.time(event.atEpochMillis()));
            json.writeStringField("component", rule.metric());
            json.writeStringField("class", rule.name());
            json.writeObjectFieldStart("custom_details");
            json.writeStringField("condition", rule.condition());
            json.writeStringField("value", rule.format(event.value()));
            json.writeStringField("description", rule.description());
            json.writeBooleanField("escalation", event.escalation());
            for (Map.Entry<String, String> label : event.labels().entrySet()) {
              json.writeStringField(label.getKey(), label.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
          }
          json.writeStringField("client", "Hourglass");
          json.writeEndObject();
        });
  }

  private static String action(AlertState status) {
    return switch (status) {
      case ACKNOWLEDGED -> "acknowledge";
      case RESOLVED -> "resolve";
      default -> "trigger";
    };
  }
}
