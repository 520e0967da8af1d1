package dev.hourglass.agent.history;

import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.GaugePoint;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolls every interval snapshot up into each {@link Resolution} and appends each finished step to
 * the history files, then holds retention and the size cap. Time is the snapshots' own, so a test
 * replays days of intervals in milliseconds. A write that fails loses that step only: the
 * resolutions, the next steps and everything else the agent measures go on. Not thread-safe: one
 * thread (the history thread) calls it.
 */
final class HistoryWriter {
  private final HistoryFiles files;
  private final List<Rollup> rollups = new ArrayList<>();
  private final Pruner pruner;
  private final HistoryHealth health;

  HistoryWriter(HistoryFiles files, List<Resolution> resolutions, long maxBytes, HistoryHealth health) {
    this.files = files;
    this.health = health;
    this.pruner = new Pruner(resolutions, maxBytes, health);
    for (Resolution resolution : resolutions) {
      rollups.add(new Rollup(resolution));
    }
  }

  void write(IntervalSnapshot snapshot) {
    Rollup finest = rollups.get(0);
    boolean finished = cascade(0, finest.advanceTo(snapshot.startEpochNanos() / 1_000_000));
    for (LatencyPoint point : snapshot.latencies()) {
      if (point.interval().getTotalCount() > 0) {
        finest.addLatency(SeriesTag.of(point), point.interval());
      }
    }
    for (CounterPoint point : snapshot.counters()) {
      if (point.delta() != 0) {
        finest.addCounter(SeriesTag.of(point), point.delta());
      }
    }
    for (GaugePoint point : snapshot.gauges()) {
      finest.addGauge(SeriesTag.of(point), point.value());
    }
    if (finished) {
      prune(snapshot.endEpochNanos() / 1_000_000);
    }
  }

  /**
   * Stores a finished step of resolution {@code level} and merges it into the next coarser one,
   * which may finish a step of its own: each interval is merged once, into the finest resolution,
   * and each coarser one merges finished steps (6 minutes … a tenth as often).
   */
  private boolean cascade(int level, Period finished) {
    if (finished == null) {
      return false;
    }
    store(finished);
    if (level + 1 < rollups.size()) {
      Rollup coarser = rollups.get(level + 1);
      cascade(level + 1, coarser.advanceTo(finished.startMillis()));
      coarser.addFiner(finished);
    }
    return true;
  }

  /** Writes the steps filled so far: at shutdown, so a restart loses nothing. */
  void flush(long nowMillis) {
    // Level by level, so each partial step reaches the coarser one before that is drained.
    for (int level = 0; level < rollups.size(); level++) {
      cascade(level, rollups.get(level).drain());
    }
    prune(nowMillis);
  }

  private void store(Period period) {
    try {
      health.written(period.resolution().name(), files.append(period));
    } catch (IOException | UncheckedIOException e) {
      health.writeFailed(
          period.resolution().name(),
          "history step not written to " + files.dir() + ": " + reason(e),
          1);
    }
  }

  private void prune(long nowMillis) {
    try {
      health.stored(pruner.prune(files.dir(), nowMillis));
      health.written("prune", 0);
    } catch (IOException | UncheckedIOException e) {
      health.writeFailed("prune", "history not pruned in " + files.dir() + ": " + reason(e), 0);
    }
  }

  /** The system's reason without the file name, so a fault that persists is logged once. */
  static String reason(Exception e) {
    Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
    if (cause instanceof FileSystemException system && system.getReason() != null) {
      return system.getReason();
    }
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : " " + cause.getMessage());
  }
}
