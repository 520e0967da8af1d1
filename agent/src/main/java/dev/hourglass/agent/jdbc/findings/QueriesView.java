package dev.hourglass.agent.jdbc.findings;

import java.util.List;

/**
 * The database family's findings, shown by the dashboard and {@code /api/queries}. Implementations
 * return prepared, bounded lists quickly (they are called on HTTP threads); statements are already
 * sanitized (no literal values).
 */
public interface QueriesView {
  QueriesView NONE =
      new QueriesView() {
        @Override
        public List<SlowQuery> slowQueries() {
          return List.of();
        }

        @Override
        public List<NPlusOneFinding> nPlusOneFindings() {
          return List.of();
        }
      };

  /** Slowest statement shapes first. */
  List<SlowQuery> slowQueries();

  /** Most frequent findings first. */
  List<NPlusOneFinding> nPlusOneFindings();

  /** One sanitized statement shape and how it performs; durations in milliseconds. */
  record SlowQuery(
      String system,
      String operation,
      String statement,
      long count,
      long slowCount,
      double p50Millis,
      double p95Millis,
      double maxMillis,
      String lastRoute,
      long lastSeenEpochMillis) {}

  /** The same statement shape executed repeatedly within one request of a route. */
  record NPlusOneFinding(
      String route,
      String statement,
      long occurrences,
      int maxExecutionsPerRequest,
      long lastSeenEpochMillis) {}
}
