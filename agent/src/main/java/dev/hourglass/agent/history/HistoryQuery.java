package dev.hourglass.agent.history;

/**
 * A window of history to read.
 *
 * @param fromMillis start, epoch ms, inclusive
 * @param toMillis end, epoch ms, exclusive
 * @param stepMillis the wanted step; 0 for the finest the window allows; {@link #WHOLE_WINDOW} for
 *     one step from {@code from} to {@code to} (a window's summary). Rounded up to a multiple of
 *     the resolution read.
 * @param grouping what one row sums up
 * @param series only the series with this {@link SeriesId} (or metric, when grouped by metric); null
 *     for all
 * @param metric only series of this metric; null for all
 */
public record HistoryQuery(
    long fromMillis, long toMillis, long stepMillis, Grouping grouping, String series, String metric) {

  /** The step of a window's summary: one row per series for the whole window. */
  public static final long WHOLE_WINDOW = Long.MAX_VALUE;

  /** What one row of an answer merges. */
  public enum Grouping {
    /** One row per series ({@link SeriesId}) per step. */
    SERIES,
    /** One row per metric per step: every series of it merged. */
    METRIC
  }

  public HistoryQuery {
    if (toMillis <= fromMillis) {
      throw new IllegalArgumentException("to must be after from");
    }
    if (stepMillis < 0) {
      throw new IllegalArgumentException("step must be non-negative");
    }
  }

  /** One step over the whole window, read at the resolution its chart would be. */
  public boolean wholeWindow() {
    return stepMillis == WHOLE_WINDOW;
  }
}
