package dev.hourglass.agent.alerts.notify;

import dev.hourglass.agent.alerts.AlertEvent;
import java.io.IOException;

/**
 * Delivers one alert event somewhere. Called on the dispatcher's thread only, one event at a time;
 * may block up to its own timeout. A failure is thrown; the dispatcher retries and counts it.
 */
public interface Notifier {
  /** Short and stable ({@code log}, {@code webhook}, {@code slack}, {@code discord}): a metric attribute. */
  String name();

  void send(AlertEvent event) throws IOException;
}
