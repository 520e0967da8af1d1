package dev.hourglass.agent.traces;

import java.util.List;

/**
 * Slow-request breakdowns for the dashboard and {@code /api/traces}. Called on HTTP threads;
 * answers from bounded memory.
 */
public interface TracesView {
  TracesView NONE =
      new TracesView() {
        @Override
        public List<Trace> traces(String route, long sinceEpochMillis) {
          return List.of();
        }

        @Override
        public Trace trace(long id) {
          return null;
        }
      };

  /** Kept traces of {@code route} (null: all) started at or after the time, newest first. */
  List<Trace> traces(String route, long sinceEpochMillis);

  /** The trace with this id, or null when it is not (or no longer) kept. */
  Trace trace(long id);
}
