package dev.hourglass.agent.alerts.notify;

import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.agent.alerts.AlertState;
import dev.hourglass.agent.alerts.Rule;
import dev.hourglass.agent.alerts.Severity;

/**
 * A Slack incoming-webhook message: {@code text} (the one-line summary, shown in notifications)
 * and Block Kit blocks — a headline section and a context line with value, labels and service.
 */
public final class SlackPayload implements PayloadFormat {
  @Override
  public String render(AlertEvent event) {
    Rule rule = event.rule();
    StringBuilder headline = new StringBuilder();
    headline.append(emoji(event)).append(" *").append(event.statusText());
    headline.append(": ").append(rule.name()).append("* (").append(rule.severity().label()).append(')');
    if (event.reminder()) {
      headline.append(" — still firing");
    }
    if (!rule.description().isEmpty()) {
      headline.append('\n').append(rule.description());
    }
    headline.append("\n`").append(rule.condition()).append('`');
    StringBuilder context = new StringBuilder();
    context.append("value *").append(rule.format(event.value())).append('*');
    if (!event.labels().isEmpty()) {
      context.append(" · ").append(event.labelText());
    }
    context.append(" · service ").append(event.service());
    context.append(" · ").append(JsonText.time(event.atEpochMillis()));
    return JsonText.of(
        json -> {
          json.writeStartObject();
          json.writeStringField("text", event.summary());
          json.writeArrayFieldStart("blocks");
          json.writeStartObject();
          json.writeStringField("type", "section");
          json.writeObjectFieldStart("text");
          json.writeStringField("type", "mrkdwn");
          json.writeStringField("text", headline.toString());
          json.writeEndObject();
          json.writeEndObject();
          json.writeStartObject();
          json.writeStringField("type", "context");
          json.writeArrayFieldStart("elements");
          json.writeStartObject();
          json.writeStringField("type", "mrkdwn");
          json.writeStringField("text", context.toString());
          json.writeEndObject();
          json.writeEndArray();
          json.writeEndObject();
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static String emoji(AlertEvent event) {
    if (event.status() == AlertState.RESOLVED) {
      return ":white_check_mark:";
    }
    if (event.status() == AlertState.ACKNOWLEDGED) {
      return ":eyes:";
    }
    return event.rule().severity() == Severity.CRITICAL ? ":red_circle:" : ":warning:";
  }
}
