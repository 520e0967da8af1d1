package dev.hourglass.agent.web.views;

import java.util.List;

/**
 * Recent errors, shown by the dashboard and {@code /api/errors}. The default derives them from the
 * series that carry an {@code error.type}; a feature that captures exception messages may replace
 * it. Messages must be sanitized (no user data) before they get here.
 */
public interface ErrorsView {
  List<RecentError> recent();

  /** @param route the server route, or the series' other attributes for client/database errors */
  record RecentError(
      String metric, String type, String message, String route, long count, long lastSeenEpochMillis) {}
}
