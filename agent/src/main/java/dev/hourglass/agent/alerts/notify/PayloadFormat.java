package dev.hourglass.agent.alerts.notify;

import dev.hourglass.agent.alerts.AlertEvent;

/** Turns an alert event into the JSON body a receiver expects. Implementations are stateless. */
public interface PayloadFormat {
  String render(AlertEvent event);
}
