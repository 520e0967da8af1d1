package dev.hourglass.agent.alerts;

/** How urgent a rule's alert is. A firing {@link #CRITICAL} alert makes the application DEGRADED. */
public enum Severity {
  WARNING,
  CRITICAL;

  /** The lower-case name used in configuration, payloads and metric attributes. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
