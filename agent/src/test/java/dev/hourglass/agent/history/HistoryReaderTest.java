package dev.hourglass.agent.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.history.HistoryQuery.Grouping;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.Quantiles;
import dev.hourglass.snapshot.SnapshotBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReaderTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 3_600_000;
  private static final String OWNERS =
      "http.server.request.duration{http.request.method=GET,http.route=/owners/*}";

  @TempDir Path dir;
  private final HistoryHealth health = new HistoryHealth();
  private long now;

  private HistoryWriter writer() {
    return new HistoryWriter(new HistoryFiles(dir), Resolution.DEFAULTS, 1L << 30, health);
  }

  private HistoryReader reader() {
    return new HistoryReader(dir, Resolution.DEFAULTS, health, () -> now);
  }

  /** Interval n (10 s): requests to /owners/* of 1 … 20 + n % 30 ms, every seventh failing. */
  private static IntervalSnapshot interval(long n, Histogram all, long[] errors) {
    SnapshotBuilder snapshot = SnapshotBuilder.interval(n);
    long[] ok = new long[(int) (20 + n % 30)];
    for (int i = 0; i < ok.length; i++) {
      ok[i] = (i + 1) * 1000L + n;
      all.recordValue(ok[i]);
    }
    snapshot.latency(
        SnapshotBuilder.SERVER, List.of("GET", "/owners/*", "200", ""), ok);
    if (n % 7 == 0) {
      snapshot.latency(SnapshotBuilder.SERVER, List.of("GET", "/owners/*", "500", "500"), 250_000);
      all.recordValue(250_000);
      errors[0]++;
    }
    return snapshot.build();
  }

  private List<HistoryRow> read(HistoryQuery query) throws Exception {
    List<HistoryRow> rows = new ArrayList<>();
    reader().read(query, rows::add);
    return rows;
  }

  @Test
  void aWindowAcrossARestart_hasExactCounts_andThePercentilesOfAllItsValues() throws Exception {
    Histogram all = new Histogram(3);
    long[] errors = new long[1];
    HistoryWriter first = writer();
    for (long n = 1; n <= 100; n++) {
      first.write(interval(n, all, errors));
    }
    first.flush(SnapshotBuilder.endMillis(100)); // the JVM stops mid-minute
    HistoryWriter second = writer(); // and a new one starts on the same folder
    for (long n = 101; n <= 360; n++) {
      second.write(interval(n, all, errors));
    }
    second.flush(SnapshotBuilder.endMillis(360));
    now = SnapshotBuilder.endMillis(360);

    List<HistoryRow> rows =
        read(new HistoryQuery(0, HOUR, HOUR, Grouping.SERIES, OWNERS, null));

    assertThat(rows).hasSize(1);
    HistoryRow hour = rows.get(0);
    assertThat(hour.count()).isEqualTo(all.getTotalCount());
    assertThat(hour.errors()).isEqualTo(errors[0]).isEqualTo(51);
    assertThat(hour.quantilesMicros()).containsExactly(Quantiles.reported(all));
    assertThat(hour.attributes()).containsExactly(
        java.util.Map.entry("http.request.method", "GET"), java.util.Map.entry("http.route", "/owners/*"));
  }

  @Test
  void withoutAStep_theFinestResolutionHoldingTheWindowAnswers() throws Exception {
    HistoryWriter writer = writer();
    Histogram all = new Histogram(3);
    long[] errors = new long[1];
    for (long n = 1; n <= 360; n++) {
      writer.write(interval(n, all, errors));
    }
    writer.flush(SnapshotBuilder.endMillis(360));

    now = HOUR;
    HistoryReader.Answer recent =
        reader().read(new HistoryQuery(0, HOUR, 0, Grouping.METRIC, null, null), row -> {});
    assertThat(recent.resolution().name()).isEqualTo("1m");
    assertThat(recent.stepMillis()).isEqualTo(MINUTE);
    assertThat(recent.series()).containsExactly(OWNERS);

    now = 3 * 24 * HOUR; // the same window three days later: the minutes are past their 2 days
    List<HistoryRow> rows = new ArrayList<>();
    HistoryReader.Answer old =
        reader().read(new HistoryQuery(0, HOUR, 0, Grouping.METRIC, null, null), rows::add);
    assertThat(old.resolution().name()).isEqualTo("10m");
    assertThat(rows).hasSize(6);
    assertThat(rows.stream().mapToLong(HistoryRow::count).sum()).isEqualTo(all.getTotalCount());
    assertThat(rows).allSatisfy(row -> assertThat(row.id()).isEqualTo("http.server.request.duration"));
  }

  @Test
  void aStepOfAnHour_readsTheHourlyFiles() throws Exception {
    now = 2 * HOUR;
    assertThat(reader().resolutionFor(new HistoryQuery(0, 2 * HOUR, HOUR, Grouping.SERIES, null, null), now).name())
        .isEqualTo("1h");
    assertThat(reader().resolutionFor(new HistoryQuery(0, 2 * HOUR, 20 * MINUTE, Grouping.SERIES, null, null), now).name())
        .isEqualTo("10m");
    // 30 days in minutes would be 43,200 steps: hours hold it in 720
    now = 31 * 24 * HOUR;
    assertThat(reader().resolutionFor(new HistoryQuery(now - 30 * 24 * HOUR, now, 0, Grouping.SERIES, null, null), now).name())
        .isEqualTo("1h");
  }
}
