package dev.hourglass.agent.alerts.notify;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.AlertState;
import dev.hourglass.agent.alerts.Rule;
import dev.hourglass.agent.alerts.Severity;
import java.io.IOException;
import java.util.Map;

/**
 * A Discord webhook message: one embed coloured by state (red critical, amber warning, green
 * resolved) with value, severity, service and each label as inline fields. Discord rejects empty
 * field values, so an empty label value is shown as {@code (none)}.
 */
public final class DiscordPayload implements PayloadFormat {
  static final int RED = 0xE01E5A;
  static final int AMBER = 0xECB22E;
  static final int GREEN = 0x2EB67D;

  @Override
  public String render(AlertEvent event) {
    Rule rule = event.rule();
    String title =
        event.statusText()
            + ": "
            + rule.name()
            + (event.reminder() ? " (still firing)" : "");
    String description =
        (rule.description().isEmpty() ? "" : rule.description() + "\n") + "`" + rule.condition() + "`";
    return JsonText.of(
        json -> {
          json.writeStartObject();
          json.writeStringField("username", "Hourglass");
          json.writeArrayFieldStart("embeds");
          json.writeStartObject();
          json.writeStringField("title", title);
          json.writeStringField("description", description);
          json.writeNumberField("color", color(event));
          json.writeArrayFieldStart("fields");
          field(json, "Value", rule.format(event.value()));
          field(json, "Severity", rule.severity().label());
          field(json, "Service", event.service());
          for (Map.Entry<String, String> label : event.labels().entrySet()) {
            field(json, label.getKey(), label.getValue().isEmpty() ? "(none)" : label.getValue());
          }
          json.writeEndArray();
          json.writeObjectFieldStart("footer");
          json.writeStringField("text", "alert " + event.id());
          json.writeEndObject();
          json.writeStringField("timestamp", JsonText.time(event.atEpochMillis()));
          json.writeEndObject();
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void field(JsonGenerator json, String name, String value) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", name);
    json.writeStringField("value", value);
    json.writeBooleanField("inline", true);
    json.writeEndObject();
  }

  private static int color(AlertEvent event) {
    if (event.status() == AlertState.RESOLVED) {
      return GREEN;
    }
    if (event.status() == AlertState.ACKNOWLEDGED) {
      return AMBER;
    }
    return event.rule().severity() == Severity.CRITICAL ? RED : AMBER;
  }
}
