package dev.hourglass.agent.history;

import dev.hourglass.snapshot.IntervalSnapshot;
import java.nio.file.Path;
import java.util.List;

/** Writes snapshots into a history folder, for the tests of the history's readers elsewhere. */
public final class HistoryFixture {
  private HistoryFixture() {}

  /** Writes every snapshot at the default resolutions and flushes as of the last one's end. */
  public static HistoryHealth write(Path dir, List<IntervalSnapshot> snapshots) {
    HistoryHealth health = new HistoryHealth();
    HistoryWriter writer = new HistoryWriter(new HistoryFiles(dir), Resolution.DEFAULTS, 1L << 30, health);
    snapshots.forEach(writer::write);
    writer.flush(snapshots.get(snapshots.size() - 1).endEpochNanos() / 1_000_000);
    return health;
  }
}
