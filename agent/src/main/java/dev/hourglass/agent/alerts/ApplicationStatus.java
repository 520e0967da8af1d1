package dev.hourglass.agent.alerts;

/** The application's health as the alerts see it: DEGRADED while any critical alert fires. */
public enum ApplicationStatus {
  UP,
  DEGRADED
}
