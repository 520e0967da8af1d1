package dev.hourglass.agent.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.history.HistoryQuery.Grouping;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fault of the disk, injected with real files: one problem, the rest of the history kept. */
class HistoryFaultsTest {
  private static final long HOUR = 3_600_000;

  @TempDir Path dir;
  private final HistoryHealth health = new HistoryHealth();

  private HistoryWriter writer() {
    return new HistoryWriter(new HistoryFiles(dir), Resolution.DEFAULTS, 1L << 30, health);
  }

  /** Interval n (10 s): 2 requests of 3 ms. */
  private static IntervalSnapshot interval(long n) {
    return SnapshotBuilder.interval(n).requests("/a", 200, 2, 3).build();
  }

  private long count(String resolutionStep, long from, long to) throws Exception {
    long step = Durations.millis(resolutionStep);
    List<HistoryRow> rows = new ArrayList<>();
    new HistoryReader(dir, Resolution.DEFAULTS, health, () -> to)
        .read(new HistoryQuery(from, to, step, Grouping.METRIC, null, null), rows::add);
    return rows.stream().mapToLong(HistoryRow::count).sum();
  }

  private void writeMinutes(HistoryWriter writer, long firstInterval, long lastInterval) {
    for (long n = firstInterval; n <= lastInterval; n++) {
      writer.write(interval(n));
    }
  }

  @Test
  void aFileCutMidLine_losesThatLineOnly_andLaterStepsAppendWholeLines() throws Exception {
    HistoryWriter writer = writer();
    writeMinutes(writer, 1, 61); // 10 minutes written, the 11th started
    Path minutes = dir.resolve("1m").resolve("0.hlog");
    try (RandomAccessFile file = new RandomAccessFile(minutes.toFile(), "rw")) {
      file.setLength(file.length() - 20); // a crash in the middle of the last line
    }
    writeMinutes(writer, 62, 120); // the writer goes on appending to the same file

    long read = count("1m", 0, 20 * 60_000);

    assertThat(read).isEqualTo(2 * (120 - 6 - 6)); // all but the cut minute, and the open 20th
    assertThat(health.problems())
        .containsExactly("history file 1m/0.hlog: 1 damaged line(s) skipped (bad histogram)");
  }

  @Test
  void garbageInsideAFile_andABinaryFile_loseOnlyWhatIsDamaged() throws Exception {
    HistoryWriter writer = writer();
    writeMinutes(writer, 1, 2 * 360 + 1); // two hours and one interval
    Path minutes = dir.resolve("1m").resolve("0.hlog");
    List<String> lines = new ArrayList<>(Files.readAllLines(minutes));
    lines.set(10, "Tag=http.server.request.duration,not,a,histogram,line");
    lines.add(20, "this is not part of the format");
    Files.write(minutes, lines);
    // A file of another program (or a future version) where the next hour's file would be.
    Files.write(dir.resolve("1m").resolve("3600000.hlog"), new byte[] {(byte) 0xff, 0, 1, 2, '\n'});

    assertThat(count("1m", 0, 2 * HOUR)).isEqualTo(2 * (360 - 6));
    assertThat(health.problems())
        .containsExactlyInAnyOrder(
            "history file 1m/0.hlog: 2 damaged line(s) skipped (bad tag or time)",
            "history file 1m/3600000.hlog: 1 damaged line(s) skipped (not text)");
    assertThat(count("1h", 0, 2 * HOUR)).isEqualTo(2 * 360); // the first hour's step is intact
  }

  @Test
  void aFullDisk_losesTheStepsItRefused_andTheOtherResolutionsGoOn() throws Exception {
    Files.createDirectories(dir.resolve("1m"));
    // Every write into this hour's minute file fails with ENOSPC, as on a full disk.
    Files.createSymbolicLink(dir.resolve("1m").resolve("0.hlog"), Path.of("/dev/full"));
    HistoryWriter writer = writer();
    writeMinutes(writer, 1, 360);
    writer.flush(HOUR);

    assertThat(health.lostSteps()).isEqualTo(60);
    assertThat(health.problems()).hasSize(1);
    assertThat(health.problems().get(0))
        .startsWith("history step not written to " + dir)
        .contains("No space left on device");
    assertThat(count("10m", 0, HOUR)).isEqualTo(720);
    assertThat(count("1h", 0, HOUR)).isEqualTo(720);
  }

  @Test
  void aFolderThatCannotBeWritten_isAProblemUntilItCanBeAgain() throws Exception {
    HistoryWriter writer = writer();
    Files.writeString(dir.resolve("1m"), "a file where the folder should be");
    writeMinutes(writer, 1, 13); // two minutes refused
    assertThat(health.lostSteps()).isEqualTo(2);
    assertThat(health.problems()).hasSize(1);

    Files.delete(dir.resolve("1m"));
    writeMinutes(writer, 14, 19);

    assertThat(health.problems()).isEmpty();
    assertThat(count("1m", 0, HOUR)).isEqualTo(2 * 6);
  }

  @Test
  void noUsableFolder_standsTheHistoryDown_withOneProblem() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "not a folder");
    IntervalClock clock = new IntervalClock(new MetricRegistry(10, 10), Duration.ofSeconds(10));
    Config config =
        Config.from(Map.of("hourglass.history.dir", file.resolve("history").toString()), Map.of(), Map.of());

    HistoryView view = History.install(config, clock, "svc");

    assertThat(view.available()).isFalse();
    assertThat(view.health().problems())
        .singleElement()
        .asString()
        .startsWith("history off: no usable folder (")
        .endsWith("); set hourglass.history.dir");
  }

  @Test
  void everyFolderHeldByOthers_standsTheHistoryDown() throws Exception {
    List<HistoryDirectory> held = new ArrayList<>();
    try {
      for (int i = 0; i < HistoryDirectory.MAX_INSTANCES; i++) {
        held.add(HistoryDirectory.claim(dir));
      }
      IntervalClock clock = new IntervalClock(new MetricRegistry(10, 10), Duration.ofSeconds(10));
      Config config = Config.from(Map.of("hourglass.history.dir", dir.toString()), Map.of(), Map.of());

      HistoryView view = History.install(config, clock, "svc");

      assertThat(view.available()).isFalse();
      assertThat(view.health().problems().get(0)).contains("held by other processes: " + dir);
    } finally {
      held.forEach(HistoryDirectory::close);
    }
  }

  /** Steps written as text, for the cases above. */
  private static final class Durations {
    static long millis(String step) {
      return switch (step) {
        case "1m" -> 60_000;
        case "10m" -> 600_000;
        default -> HOUR;
      };
    }
  }
}
