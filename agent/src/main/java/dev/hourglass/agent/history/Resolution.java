package dev.hourglass.agent.history;

import java.time.Duration;
import java.util.List;

/**
 * One rollup level of the history: every series is summed into steps of {@code step}, aligned to
 * the epoch (UTC), and kept for {@code keep}. Files hold {@value #STEPS_PER_FILE} steps each, so
 * retention and the size cap drop whole files.
 */
public record Resolution(String name, Duration step, Duration keep) {
  static final int STEPS_PER_FILE = 60;

  /** Per minute for 2 days, per 10 minutes for 14 days, per hour for 90 days. */
  public static final List<Resolution> DEFAULTS =
      List.of(
          new Resolution("1m", Duration.ofMinutes(1), Duration.ofDays(2)),
          new Resolution("10m", Duration.ofMinutes(10), Duration.ofDays(14)),
          new Resolution("1h", Duration.ofHours(1), Duration.ofDays(90)));

  public long stepMillis() {
    return step.toMillis();
  }

  /** Start of the step that holds {@code epochMillis}. */
  long stepStart(long epochMillis) {
    return Math.floorDiv(epochMillis, stepMillis()) * stepMillis();
  }

  long fileSpanMillis() {
    return stepMillis() * STEPS_PER_FILE;
  }

  /** Start of the file that holds {@code epochMillis}. */
  long fileStart(long epochMillis) {
    return Math.floorDiv(epochMillis, fileSpanMillis()) * fileSpanMillis();
  }

  /** This resolution kept no longer than {@code retention}. */
  Resolution keptAtMost(Duration retention) {
    return keep.compareTo(retention) <= 0 ? this : new Resolution(name, step, retention);
  }
}
