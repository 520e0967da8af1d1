package dev.hourglass.agent.alerts.notify;

import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.bootstrap.AgentLog;

/**
 * Writes each event to the agent log as one line: {@code [hourglass] WARN alert {...}} with the
 * {@link GenericPayload} JSON, so log shippers can pick it up by the {@code alert } prefix. Firing
 * is logged at WARN (kept at {@code hourglass.log.level=warn}), resolved at INFO.
 */
public final class LogNotifier implements Notifier {
  private final GenericPayload format = new GenericPayload();

  @Override
  public String name() {
    return "log";
  }

  @Override
  public void send(AlertEvent event) {
    String line = "alert " + format.render(event);
    if (event.firing()) {
      AgentLog.warn(line);
    } else {
      AgentLog.info(line);
    }
  }
}
