package dev.hourglass.agent.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.history.HistoryQuery.Grouping;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures the README states: bytes written per interval per 1,000 series, disk per series per
 * day at each resolution, the history thread's time per interval and the time of a 30-day query.
 * Each series gets 20 values per 10 s interval, spread 1–200 ms (long-tailed), as a busy route.
 */
class HistoryCostTest {
  /** Series written; figures are scaled to 1,000 (bytes and time grow linearly with series). */
  private static final int SERIES = 200;

  @TempDir Path dir;
  private final SplittableRandom random = new SplittableRandom(42);

  private long latencyMicros() {
    double u = random.nextDouble();
    return 1000 + (long) (199_000 * u * u * u); // most fast, a tail up to 200 ms
  }

  private IntervalSnapshot interval(long n) {
    SnapshotBuilder snapshot = SnapshotBuilder.interval(n);
    for (int series = 0; series < SERIES; series++) {
      long[] values = new long[20];
      for (int i = 0; i < values.length; i++) {
        values[i] = latencyMicros();
      }
      snapshot.latency(SnapshotBuilder.SERVER, List.of("GET", "/api/v1/items/" + series, "200", ""), values);
    }
    return snapshot.build();
  }

  @Test
  void writeCost_andBytesPerIntervalPer1000Series() throws Exception {
    HistoryHealth health = new HistoryHealth();
    HistoryWriter writer = new HistoryWriter(new HistoryFiles(dir), Resolution.DEFAULTS, 1L << 30, health);
    int intervals = 60; // ten minutes: ten 1-minute steps
    List<IntervalSnapshot> snapshots = new ArrayList<>();
    for (long n = 1; n <= intervals + 1; n++) {
      snapshots.add(interval(n));
    }
    long nanos = 0;
    for (IntervalSnapshot snapshot : snapshots) {
      long start = System.nanoTime();
      writer.write(snapshot);
      nanos += System.nanoTime() - start;
    }
    writer.flush(SnapshotBuilder.endMillis(intervals + 1));

    double minuteLine = bytes("1m") / (10.0 * SERIES + SERIES); // ten steps and the flushed 11th
    double tenMinuteLine = bytes("10m") / (2.0 * SERIES);
    double hourLine = bytes("1h") / (1.0 * SERIES);
    // At 10 s intervals a series writes a minute line every 6 intervals, a 10-minute line every 60
    // and an hour line every 360.
    double perInterval = 1000 * (minuteLine / 6 + tenMinuteLine / 60 + hourLine / 360);
    System.out.printf(
        "history cost: %.0f µs per interval per 1,000 series (%d written); %.0f bytes per interval per 1,000 series;"
            + " line bytes 1m %.0f, 10m %.0f, 1h %.0f; per series per day 1m %.0f KB, 10m %.0f KB, 1h %.1f KB%n",
        nanos / 1e3 / snapshots.size() * 1000 / SERIES,
        SERIES,
        perInterval,
        minuteLine,
        tenMinuteLine,
        hourLine,
        minuteLine * 1440 / 1024,
        tenMinuteLine * 144 / 1024,
        hourLine * 24 / 1024);
    assertThat(perInterval).isBetween(10_000.0, 200_000.0);
    assertThat(health.problems()).isEmpty();
  }

  @Test
  void aThirtyDayQuery_readsTheHourlyFiles() throws Exception {
    int series = 25;
    HistoryFiles files = new HistoryFiles(dir);
    Resolution hour = Resolution.DEFAULTS.get(2);
    long hours = 30 * 24;
    for (long h = 0; h < hours; h++) {
      Map<String, Histogram> latencies = new LinkedHashMap<>();
      for (int s = 0; s < series; s++) {
        Histogram histogram = new PackedHistogram(3);
        for (int i = 0; i < 50; i++) {
          histogram.recordValue(latencyMicros());
        }
        latencies.put("http.server.request.duration;http.route=%2Fr" + s, histogram);
      }
      files.append(new Period(hour, h * 3_600_000, latencies, Map.of(), Map.of()));
    }
    long to = hours * 3_600_000;
    HistoryReader reader = new HistoryReader(dir, Resolution.DEFAULTS, new HistoryHealth(), () -> to);

    long[] totals = new long[1];
    long start = System.nanoTime();
    reader.read(new HistoryQuery(0, to, 0, Grouping.METRIC, null, null), row -> totals[0] += row.count());
    long allMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    reader.read(
        new HistoryQuery(0, to, 0, Grouping.SERIES, "http.server.request.duration{http.route=/r7}", null),
        row -> {});
    long oneMillis = (System.nanoTime() - start) / 1_000_000;

    System.out.printf(
        "30-day query over %d series (%d hourly lines, %d KB): all merged per hour %d ms, one series %d ms%n",
        series, hours * series, bytes("1h") / 1024, allMillis, oneMillis);
    assertThat(totals[0]).isEqualTo(hours * series * 50);
  }

  private long bytes(String resolution) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve(resolution))) {
      return files.filter(f -> f.toString().endsWith(".hlog")).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
