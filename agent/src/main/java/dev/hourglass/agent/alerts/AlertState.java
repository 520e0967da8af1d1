package dev.hourglass.agent.alerts;

/**
 * Where one alert stands. {@code INACTIVE → PENDING} when its signal first breaches, {@code PENDING
 * → FIRING} after the rule's {@code for} consecutive breaching intervals, {@code FIRING → RESOLVED}
 * after {@code recover} consecutive intervals back past the clear threshold (or without data). A
 * firing alert may be acknowledged by someone ({@code FIRING → ACKNOWLEDGED}); it still resolves the
 * same way. A resolved alert is inactive again; the transitions into FIRING, ACKNOWLEDGED and
 * RESOLVED are notified.
 */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING,
  ACKNOWLEDGED,
  RESOLVED;

  /** The condition holds: firing, whether or not someone has acknowledged it. */
  public boolean firing() {
    return this == FIRING || this == ACKNOWLEDGED;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
