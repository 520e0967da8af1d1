package dev.hourglass.agent.web.views;

import java.util.List;

/**
 * The alert engine's current alerts, shown by the dashboard and {@code /api/alerts}. Called on
 * HTTP threads: return a prepared, bounded list quickly.
 */
public interface AlertsView {
  AlertsView NONE = List::of;

  /** Pending and firing alerts, most severe first. */
  List<ActiveAlert> active();

  /**
   * @param severity {@code warning} or {@code critical}
   * @param state {@code pending} or {@code firing}
   */
  record ActiveAlert(
      String name,
      String severity,
      String state,
      String summary,
      double value,
      double threshold,
      long sinceEpochMillis) {}
}
