package dev.hourglass.agent.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.history.HistoryQuery.Grouping;
import dev.hourglass.snapshot.InstrumentDescriptor;
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

  @Test
  void countersAndGauges_acrossARestart_readPerSeriesAndSummedPerMetric() throws Exception {
    InstrumentDescriptor heap =
        SnapshotBuilder.instrument(InstrumentDescriptor.Kind.GAUGE, "jvm.memory.used", "jvm.memory.type");
    HistoryWriter first = writer();
    HistoryWriter second = writer();
    for (long n = 1; n <= 12; n++) { // two minutes; the JVM restarts after interval 3
      SnapshotBuilder snapshot =
          SnapshotBuilder.interval(n)
              .requests("/a", 200, 1, 5)
              .counter(SnapshotBuilder.OVERFLOW, List.of("http.server.request.duration"), n, 0)
              .gauge(heap, List.of("heap"), n * 1000)
              .gauge(heap, List.of("non_heap"), 100);
      (n <= 3 ? first : second).write(snapshot.build());
      if (n == 3) {
        first.flush(SnapshotBuilder.endMillis(3));
      }
    }
    second.flush(SnapshotBuilder.endMillis(12));
    now = SnapshotBuilder.endMillis(12);

    List<HistoryRow> series =
        read(new HistoryQuery(0, 2 * MINUTE, 0, Grouping.SERIES, "jvm.memory.used{jvm.memory.type=heap}", null));
    assertThat(series).extracting(HistoryRow::kind).containsOnly(HistoryRow.Kind.GAUGE);
    assertThat(series).extracting(HistoryRow::values)
        .containsExactly(
            new HistoryRow.StepValues(6, 21_000, 1000, 6000, 6000), // both JVMs' lines of minute 1
            new HistoryRow.StepValues(6, 57_000, 7000, 12_000, 12_000));

    List<HistoryRow> metrics = read(new HistoryQuery(0, 2 * MINUTE, HistoryQuery.WHOLE_WINDOW, Grouping.METRIC, null, null));
    assertThat(metrics).extracting(HistoryRow::id, HistoryRow::kind, HistoryRow::count)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("hourglass.agent.series.overflow", HistoryRow.Kind.COUNTER, 78L),
            org.assertj.core.groups.Tuple.tuple("jvm.memory.used", HistoryRow.Kind.GAUGE, 12L),
            org.assertj.core.groups.Tuple.tuple("http.server.request.duration", HistoryRow.Kind.HISTOGRAM, 12L));
    HistoryRow memory = metrics.stream().filter(row -> row.kind() == HistoryRow.Kind.GAUGE).findFirst().orElseThrow();
    // heap and non-heap summed: last 12,000 + 100; a mean of 6,500 + 100 over the window
    assertThat(memory.values().last()).isEqualTo(12_100);
    assertThat(memory.values().mean()).isEqualTo(6_600);
    assertThat(metrics).allSatisfy(row -> assertThat(row.startMillis()).isZero());
    assertThat(metrics).allSatisfy(row -> assertThat(row.stepMillis()).isEqualTo(2 * MINUTE));
  }
}
