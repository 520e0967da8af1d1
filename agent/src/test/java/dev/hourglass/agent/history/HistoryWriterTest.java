package dev.hourglass.agent.history;

import static dev.hourglass.snapshot.SnapshotBuilder.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import dev.hourglass.snapshot.InstrumentDescriptor;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {
  /** 1-minute intervals (otel.metric.export.interval=1m) in the multi-day cases: 1,440 a day. */
  private static final int PER_DAY = 1440;

  private static final InstrumentDescriptor OVERFLOW = SnapshotBuilder.OVERFLOW;
  private static final InstrumentDescriptor HEAP =
      SnapshotBuilder.instrument(Kind.GAUGE, "jvm.memory.used", "jvm.memory.type");

  @TempDir Path dir;
  private final HistoryHealth health = new HistoryHealth();

  private HistoryWriter writer(long maxBytes) {
    return new HistoryWriter(new HistoryFiles(dir), Resolution.DEFAULTS, maxBytes, health);
  }

  /** Interval n: one request of (n % 50 + 1) ms to /a, and n % 3 overflows. */
  private static SnapshotBuilder interval(long n) {
    return SnapshotBuilder.interval(n)
        .requests("/a", 200, 1, n % 50 + 1)
        .counter(OVERFLOW, List.of("http.server.request.duration"), n % 3, 0)
        .gauge(HEAP, List.of("heap"), n * 1000);
  }

  /** Interval n of one minute: [n - 1, n) minutes after the epoch. */
  private static IntervalSnapshot minute(long n) {
    IntervalSnapshot tenSeconds = interval(n).build();
    return new IntervalSnapshot(
        n,
        (n - 1) * 60_000_000_000L,
        n * 60_000_000_000L,
        tenSeconds.latencies(),
        tenSeconds.counters(),
        tenSeconds.gauges());
  }

  @Test
  void threeDaysOfIntervals_rollUpIntoAlignedSteps_eachResolutionKeepsItsSpan() throws Exception {
    HistoryWriter writer = writer(1L << 30);
    int intervals = 3 * PER_DAY;
    for (long n = 1; n <= intervals; n++) {
      writer.write(minute(n));
    }
    long now = intervals * 60_000L;
    writer.flush(now);

    // 1 h: every interval, in steps that start on the hour and last an hour.
    List<EncodableHistogram> hours = readAll("1h");
    assertThat(hours).hasSize(72);
    assertThat(hours).allSatisfy(line -> assertThat(line.getStartTimeStamp() % 3_600_000).isZero());
    assertThat(hours)
        .allSatisfy(line -> assertThat(line.getEndTimeStamp() - line.getStartTimeStamp()).isEqualTo(3_600_000));
    assertThat(totalCount(hours)).isEqualTo(intervals);
    // 10 min: all three days (kept 14), 10 intervals per step.
    List<EncodableHistogram> tens = readAll("10m");
    assertThat(tens).hasSize(3 * 144);
    assertThat(tens).allSatisfy(line -> assertThat(((Histogram) line).getTotalCount()).isEqualTo(10));
    // 1 min: kept 2 days, so the first day's files are gone (one file holds an hour).
    List<EncodableHistogram> minutes = readAll("1m");
    assertThat(minutes).allSatisfy(line -> assertThat(((Histogram) line).getTotalCount()).isEqualTo(1));
    long oldest = minutes.stream().mapToLong(EncodableHistogram::getStartTimeStamp).min().orElseThrow();
    assertThat(oldest).isBetween(now - 2 * 86_400_000L, now - 2 * 86_400_000L + 3_600_000);
    assertThat(health.expiredFiles()).isEqualTo(24);
    assertThat(health.problems()).isEmpty();
  }

  @Test
  void mergedSteps_haveExactlyTheValuesOfTheirIntervals() throws Exception {
    HistoryWriter writer = writer(1L << 30);
    Histogram expected = new Histogram(3);
    for (long n = 1; n <= 360; n++) { // one hour
      writer.write(interval(n).build());
      expected.recordValue((n % 50 + 1) * 1000);
    }
    writer.flush(SnapshotBuilder.endMillis(360));

    Histogram hour = (Histogram) readAll("1h").get(0);
    assertThat(hour.getTag()).isEqualTo(
        "http.server.request.duration;http.request.method=GET;http.route=%2Fa;"
            + "http.response.status_code=200;error.type=");
    for (double percentile : new double[] {50, 95, 99, 99.9, 100}) {
      assertThat(hour.getValueAtPercentile(percentile)).isEqualTo(expected.getValueAtPercentile(percentile));
    }
    assertThat(hour.getTotalCount()).isEqualTo(360);
  }

  @Test
  void countersAndGauges_areSummedPerStepBesideTheHistograms() throws Exception {
    HistoryWriter writer = writer(1L << 30);
    for (long n = 1; n <= 6; n++) { // the first minute
      writer.write(interval(n).build());
    }
    writer.write(interval(7).build()); // starts the second minute: the first is written

    List<String> lines = Files.readAllLines(dir.resolve("1m").resolve("0.values"));
    // overflows 1+2+0+1+2 (interval 6 adds 0, not written as a sample); heap 1000 … 6000
    assertThat(lines)
        .containsExactly(
            "c,hourglass.agent.series.overflow;instrument=http.server.request.duration,0.000,60.000,"
                + "4,6.0,1.0,2.0,2.0",
            "g,jvm.memory.used;jvm.memory.type=heap,0.000,60.000,6,21000.0,1000.0,6000.0,6000.0");
  }

  @Test
  void sizeCap_dropsTheFinestResolutionsOldestFilesFirst_andHolds() throws Exception {
    long cap = 2_000_000;
    HistoryWriter writer = writer(cap);
    // A cardinality storm: 20 routes every interval out of 200, for 6 hours.
    for (long n = 1; n <= 6 * 360; n++) {
      SnapshotBuilder snapshot = SnapshotBuilder.interval(n);
      for (int route = 0; route < 20; route++) {
        snapshot.latency(SERVER, List.of("GET", "/r" + n % 10 + "/" + route, "200", ""), n % 97 + 1);
      }
      writer.write(snapshot.build());
      assertThat(health.storedBytes()).isLessThanOrEqualTo(cap);
    }

    assertThat(health.droppedFiles()).isPositive();
    assertThat(health.droppedBytes()).isPositive();
    assertThat(sizeOf(dir)).isLessThanOrEqualTo(cap);
    // The hourly files, which hold the longest span, are the last to go.
    assertThat(readAll("1h")).isNotEmpty();
  }

  @Test
  void aSecondWriterOfTheSameFolder_getsItsOwnInstanceFolder() throws Exception {
    try (HistoryDirectory first = HistoryDirectory.claim(dir);
        HistoryDirectory second = HistoryDirectory.claim(dir)) {
      assertThat(first.path()).isEqualTo(dir);
      assertThat(second.path()).isEqualTo(dir.resolve("instance-2"));
    }
    try (HistoryDirectory again = HistoryDirectory.claim(dir)) {
      assertThat(again.path()).isEqualTo(dir); // released with the first
    }
  }

  private List<EncodableHistogram> readAll(String resolution) throws IOException {
    List<EncodableHistogram> lines = new ArrayList<>();
    Path folder = dir.resolve(resolution);
    if (!Files.isDirectory(folder)) {
      return lines;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".hlog")).sorted().toList()) {
        // HdrHistogram's own reader: the files are its format.
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        for (EncodableHistogram line; (line = reader.nextIntervalHistogram()) != null; ) {
          lines.add(line);
        }
        reader.close();
      }
    }
    return lines;
  }

  private static long totalCount(List<EncodableHistogram> lines) {
    return lines.stream().mapToLong(line -> ((Histogram) line).getTotalCount()).sum();
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
