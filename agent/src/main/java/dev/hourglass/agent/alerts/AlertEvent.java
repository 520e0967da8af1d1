package dev.hourglass.agent.alerts;

import java.util.Map;
import java.util.StringJoiner;

/**
 * One notification: an alert started firing, is still firing ({@code reminder}), or resolved.
 * Immutable; what every notifier formats.
 *
 * @param status {@link AlertState#FIRING} or {@link AlertState#RESOLVED}
 * @param startsAtEpochMillis when the alert started firing
 * @param atEpochMillis end of the interval that caused this notification
 * @param service the application's {@code service.name}
 */
public record AlertEvent(
    String id,
    Rule rule,
    Map<String, String> labels,
    AlertState status,
    boolean reminder,
    double value,
    long startsAtEpochMillis,
    long atEpochMillis,
    String service) {

  public boolean firing() {
    return status == AlertState.FIRING;
  }

  /** {@code http.route=/slow, http.request.method=GET}; empty for an overall rule. */
  public String labelText() {
    StringJoiner text = new StringJoiner(", ");
    labels.forEach((name, labelValue) -> text.add(name + "=" + labelValue));
    return text.toString();
  }

  /**
   * One line for people: {@code [FIRING] http.p95.warning (warning) on shop: p95 of
   * http.server.request.duration is 452 ms, threshold > 300 ms [http.route=/slow]}.
   */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append('[').append(firing() ? "FIRING" : "RESOLVED").append("] ").append(rule.name());
    text.append(" (").append(rule.severity().label()).append(") on ").append(service);
    text.append(": ").append(rule.signal().text()).append(" of ").append(rule.metric());
    text.append(" is ").append(rule.format(value));
    text.append(", threshold ").append(rule.comparison().symbol()).append(' ');
    text.append(rule.format(rule.threshold()));
    if (!labels.isEmpty()) {
      text.append(" [").append(labelText()).append(']');
    }
    return text.toString();
  }
}
