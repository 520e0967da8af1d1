package dev.hourglass.agent.alerts;

/**
 * Where one alert stands. {@code INACTIVE → PENDING} when its signal first breaches, {@code PENDING
 * → FIRING} after the rule's {@code for} consecutive breaching intervals, {@code FIRING → RESOLVED}
 * after {@code recover} consecutive intervals back past the clear threshold (or without data). A
 * resolved alert is inactive again; only the transitions into FIRING and RESOLVED are notified.
 */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING,
  RESOLVED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
