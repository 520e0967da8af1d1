package dev.hourglass.agent.alerts;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One notification: an alert started firing, is still firing ({@code reminder}), was escalated,
 * was acknowledged, or resolved. Immutable; what every notifier formats.
 *
 * @param status {@link AlertState#FIRING}, {@link AlertState#ACKNOWLEDGED} or {@link
 *     AlertState#RESOLVED}
 * @param startsAtEpochMillis when the alert started firing
 * @param atEpochMillis end of the interval that caused this notification, or the acknowledgement
 * @param service the application's {@code service.name}
 * @param notifiers the notifiers (by name) this event is for; empty: every notifier
 * @param escalation a firing event sent because nobody acknowledged the alert in time
 * @param acknowledgedBy who acknowledged the alert, or null
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
    String service,
    List<String> notifiers,
    boolean escalation,
    String acknowledgedBy) {

  public AlertEvent {
    notifiers = List.copyOf(notifiers);
  }

  /** An event for every notifier, neither escalated nor acknowledged. */
  public AlertEvent(
      String id,
      Rule rule,
      Map<String, String> labels,
      AlertState status,
      boolean reminder,
      double value,
      long startsAtEpochMillis,
      long atEpochMillis,
      String service) {
    this(id, rule, labels, status, reminder, value, startsAtEpochMillis, atEpochMillis, service,
        List.of(), false, null);
  }

  public boolean firing() {
    return status == AlertState.FIRING;
  }

  /** Whether the notifier named {@code notifier} should deliver this event. */
  public boolean isFor(String notifier) {
    return notifiers.isEmpty() || notifiers.contains(notifier);
  }

  /** {@code FIRING}, {@code ACKNOWLEDGED} or {@code RESOLVED}. */
  public String statusText() {
    return status.name();
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
    text.append('[').append(statusText()).append("] ").append(rule.name());
    text.append(" (").append(rule.severity().label()).append(") on ").append(service);
    text.append(": ").append(rule.signal().text()).append(" of ").append(rule.metric());
    text.append(" is ").append(rule.format(value));
    text.append(", threshold ").append(rule.comparison().symbol()).append(' ');
    text.append(rule.format(rule.threshold()));
    if (!labels.isEmpty()) {
      text.append(" [").append(labelText()).append(']');
    }
    if (acknowledgedBy != null) {
      text.append(" acknowledged by ").append(acknowledgedBy);
    }
    return text.toString();
  }
}
