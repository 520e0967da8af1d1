package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceiver;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.Ports;
import dev.hourglass.it.harness.SelfMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Distinct URLs by the thousand: raw URLs never become series (routes are templates), and when an
 * application does make every URL its own route, the series cap holds, the rest lands in {@code
 * _other} and every overflowing lookup is counted. The memory bound of a full cap is measured in
 * the agent's {@code CardinalityStormTest} (100,000 distinct values in-process).
 *
 * <p>100,000 distinct SQL texts and 100,000 distinct downstream hosts do the same in a real
 * application ({@link StormApp}): literals never make shapes, shapes and hosts past the cap land in
 * {@code _other}, counted, and the application's heap after the storm stays under {@link
 * #STORM_HEAP_BOUND} more than before it, the second 50,000 of each costing next to nothing.
 */
class CardinalityStormIT {
  private static final String METRIC = "http.server.request.duration";
  private static final String OVERFLOW = "hourglass.agent.series.overflow";
  private static final int CLIENTS = 8;
  private static final Duration STORM_CALL_TIMEOUT = Duration.ofMinutes(2);

  private static final String DB = "db.client.operation.duration";
  private static final String CLIENT = "http.client.request.duration";
  private static final int DEFAULT_CAP = 1000;
  private static final int STORM = 100_000;
  private static final int HALF = STORM / 2;
  /**
   * What one storm may add to the heap, 10 MB, from the caps it fills: 1,000 series of one
   * instrument at under 4 KB each (4 MB; {@code CardinalityStormTest} measures 2.1 KB for a
   * four-attribute series, SQL and host keys carry five to seven, the sanitized text among them),
   * one interval of those series waiting for export (2 MB), the SQL shape cache (2,000 entries
   * under 0.5 KB each for these short statements: 1 MB) and the 256 hosts the dashboard keeps
   * (0.25 MB).
   */
  private static final long STORM_HEAP_BOUND = 10L * 1024 * 1024;
  /**
   * What the second 50,000 of a storm may add: past the caps nothing of the agent's grows. The heap
   * is read once the storm's intervals are exported, and with the SQL shape cache at the same fill
   * level (the texts run so far differ by a multiple of its 2,000 entries). The SQL storm shows a
   * one-time step of about 1.8 MB, on JDK 17 and 25 alike, that lands before or after the midpoint
   * from run to run (+5.5 MB at 50,000 and +5.3 MB at 100,000 in one run, +3.6 MB and +5.4 MB in
   * another, +5.5 MB and +3.6 MB in a third), so the bound leaves room for it. An unbounded cache adds tens of MB here (+44 MB with the shape cache
   * never cleared), a leak of 60 bytes per statement 3 MB.
   */
  private static final long PAST_CAP_GROWTH = 3L * 1024 * 1024;

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void tenThousandDistinctRawUrlsMakeTwoSeries() throws Exception {
    OtlpReceiver receiver = otlp.receiver();
    InstrumentedApp app =
        InstrumentedApp.sampleApp(jvms.builder(), "http/protobuf", receiver.httpEndpoint(), "10m");
    int urls = 10_000;
    send(urls, i -> i % 2 == 0 ? app.url("/fast?session=" + i) : app.url("/owners/" + (i % 50 + 1) + "?v=" + i));
    assertThat(app.jvm().stop()).isIn(0, 143);

    assertThat(receiver.dataPoints(METRIC))
        .extracting(point -> point.attributes().get("http.route"))
        .containsExactlyInAnyOrder("/fast", "/owners/*");
    assertThat(receiver.histogramCount(METRIC, Map.of())).isEqualTo(urls);
    assertThat(receiver.dataPoints(OVERFLOW)).isEmpty();
  }

  @Test
  void routesThatExplodeAreCappedIntoOtherAndEveryOverflowIsCounted() throws Exception {
    OtlpReceiver receiver = otlp.receiver();
    int cap = 100;
    int urls = 2_000;
    InstrumentedApp app =
        InstrumentedApp.start(
            InstrumentedApp.exportingTo(
                    jvms.builder().mainClass(HostileApp.class), "http/protobuf", receiver.httpEndpoint(), "10m")
                .systemProperty("hourglass.series.cap", String.valueOf(cap)),
            InstrumentationFaultsIT.READY);
    send(urls, i -> app.url("/explode/" + i));
    assertThat(app.jvm().stop()).isIn(0, 143);

    assertThat(receiver.dataPoints(METRIC))
        .as("one series per route up to the cap, plus _other")
        .hasSize(cap + 1);
    assertThat(receiver.histogramCount(METRIC, Map.of("http.route", "_other"))).isEqualTo(urls - cap);
    assertThat(receiver.histogramCount(METRIC, Map.of())).isEqualTo(urls);
    assertThat(SelfMetrics.last(receiver, OVERFLOW)).isEqualTo(urls - cap);
    assertThat(receiver.dataPoints(OVERFLOW))
        .singleElement()
        .satisfies(point -> assertThat(point.attributes()).containsEntry("instrument", METRIC));
  }

  @Test
  void hundredThousandSqlTextsKeepOneShapePerStatementUpToTheCapWithBoundedHeap() throws Exception {
    OtlpReceiver receiver = otlp.receiver();
    InstrumentedApp app = stormApp(receiver);
    // Warm-up (H2, the sanitizer, the first series), then the heap the storm starts from.
    long executed = sql(app, "literals", 0, 1_000) + sql(app, "shapes", 0, 100);
    long before = usedHeap(app, receiver);
    executed += sql(app, "literals", 1_000, HALF - 1_000) + sql(app, "shapes", 100, HALF - 100);
    long half = usedHeap(app, receiver);
    executed += sql(app, "literals", HALF, HALF) + sql(app, "shapes", HALF, HALF);
    long after = usedHeap(app, receiver);
    assertThat(app.stopAndFlush()).isIn(0, 143);
    reportHeap("SQL", before, half, after);

    assertThat(executed).as("both storms plus CREATE TABLE and INSERT").isEqualTo(2 + 2L * STORM);
    assertThat(receiver.histogramCount(DB, Map.of())).as("every statement, once").isEqualTo(executed);
    assertThat(receiver.histogramCount(DB, Map.of("db.query.text", "SELECT id FROM storm WHERE id = ?")))
        .as("statements differing in a literal share one shape")
        .isEqualTo(STORM);
    assertThat(seriesValues(receiver, DB, "db.query.text")).hasSize(DEFAULT_CAP);
    // Keys: CREATE TABLE, INSERT, the literal shape and 100,000 shapes; the cap keeps 1,000.
    long overflowed = 3 + STORM - DEFAULT_CAP;
    assertThat(receiver.histogramCount(DB, Map.of("db.query.text", "_other"))).isEqualTo(overflowed);
    assertThat(overflowCount(receiver, DB)).isEqualTo(overflowed);
    assertHeapBounded(before, half, after);
  }

  @Test
  void hundredThousandDownstreamHostsAreCappedIntoOtherWithBoundedHeap() throws Exception {
    OtlpReceiver receiver = otlp.receiver();
    InstrumentedApp app = stormApp(receiver);
    int closedPort = Ports.free();
    long refused = hosts(app, 0, 100, closedPort);
    long before = usedHeap(app, receiver);
    refused += hosts(app, 100, HALF - 100, closedPort);
    long half = usedHeap(app, receiver);
    refused += hosts(app, HALF, HALF, closedPort);
    long after = usedHeap(app, receiver);
    assertThat(app.stopAndFlush()).isIn(0, 143);
    reportHeap("host", before, half, after);

    assertThat(refused).as("every call failed to connect, and is still a call").isEqualTo(STORM);
    assertThat(receiver.histogramCount(CLIENT, Map.of())).as("every call, once").isEqualTo(STORM);
    assertThat(receiver.histogramCount(CLIENT, Map.of("error.type", "java.net.ConnectException")))
        .as("one refused call per host that has a series")
        .isEqualTo(DEFAULT_CAP);
    assertThat(seriesValues(receiver, CLIENT, "server.address")).hasSize(DEFAULT_CAP);
    assertThat(receiver.histogramCount(CLIENT, Map.of("server.address", "_other")))
        .isEqualTo(STORM - DEFAULT_CAP);
    assertThat(overflowCount(receiver, CLIENT)).isEqualTo(STORM - DEFAULT_CAP);
    assertHeapBounded(before, half, after);
  }

  @Test
  void hundredThousandDistinctErrorMessagesMakeOneErrorGroupWithBoundedHeap() throws Exception {
    OtlpReceiver receiver = otlp.receiver();
    InstrumentedApp app = stormApp(receiver);
    long failed = sql(app, "failures", 0, 1_000);
    long before = usedHeap(app, receiver);
    failed += sql(app, "failures", 1_000, HALF - 1_000);
    long half = usedHeap(app, receiver);
    failed += sql(app, "failures", HALF, HALF);
    long after = usedHeap(app, receiver);
    assertThat(app.stopAndFlush()).isIn(0, 143);
    reportHeap("error", before, half, after);

    assertThat(failed).as("every statement failed, plus CREATE TABLE and INSERT").isEqualTo(2 + STORM);
    Set<String> groups = seriesValues(receiver, "hourglass.errors", "hourglass.error.group");
    assertThat(groups).as("one error group whatever the messages say").hasSize(1);
    assertThat(
            receiver.dataPoints("hourglass.errors").stream()
                .filter(point -> groups.contains(point.attributes().get("hourglass.error.group")))
                .mapToLong(point -> point.number().getAsInt())
                .sum())
        .isEqualTo(STORM);
    assertThat(receiver.dataPoints("hourglass.errors"))
        .as("no overflow group")
        .noneMatch(point -> "_other".equals(point.attributes().get("hourglass.error.group")));
    assertHeapBounded(before, half, after);
  }

  /**
   * The storm app with the default caps, exporting deltas every 2 s; series are never evicted
   * (idle eviction would free slots mid-storm and make the overflow count depend on timing).
   */
  private InstrumentedApp stormApp(OtlpReceiver receiver) {
    return InstrumentedApp.start(
        InstrumentedApp.exportingTo(
                jvms.builder().mainClass(StormApp.class), "http/protobuf", receiver.httpEndpoint(), "2s")
            .systemProperty("otel.exporter.otlp.metrics.temporality.preference", "delta")
            .systemProperty("hourglass.export.queue", "1000")
            .systemProperty("hourglass.series.idle.intervals", "100000"),
        StormApp.READY);
  }

  private static long sql(InstrumentedApp app, String kind, int from, int count) {
    return number(app, "/sql?kind=" + kind + "&from=" + from + "&count=" + count, "executed ");
  }

  private static long hosts(InstrumentedApp app, int from, int count, int port) {
    return number(app, "/hosts?from=" + from + "&count=" + count + "&port=" + port, "refused ");
  }

  /**
   * The app's used heap once the storm's intervals have left the agent: after an interval that
   * began now has been exported (the exporter sends snapshots in order), so no storm snapshot is
   * still queued.
   */
  private static long usedHeap(InstrumentedApp app, OtlpReceiver receiver)
      throws InterruptedException {
    Instant now = Instant.now();
    long mark = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    long deadline = System.nanoTime() + STORM_CALL_TIMEOUT.toNanos();
    int seen = -1;
    while (true) {
      int exports = receiver.exports().size();
      if (exports != seen) { // decoding every export again is costly: only when one arrived
        seen = exports;
        if (receiver.dataPoints("jvm.thread.count").stream()
            .anyMatch(point -> point.number().getStartTimeUnixNano() >= mark)) {
          return number(app, "/heap", "");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no interval begun after the storm was exported");
      }
      Thread.sleep(200);
    }
  }

  private static long number(InstrumentedApp app, String pathAndQuery, String prefix) {
    Http.Response response = Http.get(app.url(pathAndQuery), STORM_CALL_TIMEOUT);
    assertThat(response.status()).as("%s: %s", pathAndQuery, response.body()).isEqualTo(200);
    assertThat(response.body()).startsWith(prefix);
    return Long.parseLong(response.body().substring(prefix.length()).trim());
  }

  /** Distinct values of the attribute over the metric's series, {@code _other} left out. */
  private static Set<String> seriesValues(OtlpReceiver receiver, String metric, String attribute) {
    return receiver.dataPoints(metric).stream()
        .map(point -> point.attributes().get(attribute))
        .filter(value -> !"_other".equals(value))
        .collect(Collectors.toSet());
  }

  /** Overflowing lookups of one instrument, summed over the delta points of every interval. */
  private static long overflowCount(OtlpReceiver receiver, String instrument) {
    return receiver.dataPoints(OVERFLOW).stream()
        .filter(point -> instrument.equals(point.attributes().get("instrument")))
        .mapToLong(point -> point.number().getAsInt())
        .sum();
  }

  private static void assertHeapBounded(long before, long half, long after) {
    assertThat(after - before).as("heap added by the storm").isLessThan(STORM_HEAP_BOUND);
    assertThat(after - half)
        .as("heap added by the second 50,000, past every cap")
        .isLessThan(PAST_CAP_GROWTH);
  }

  private static void reportHeap(String storm, long before, long half, long after) {
    System.out.printf(
        "CardinalityStormIT %s storm: used heap %d KB before, +%d KB after %d, +%d KB after %d%n",
        storm, before / 1024, (half - before) / 1024, HALF, (after - before) / 1024, STORM);
  }

  /** Sends {@code count} GETs, the i-th to {@code url.apply(i)}, from a few clients; all must answer 200. */
  private static void send(int count, IntFunction<String> url) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        done.add(
            clients.submit(
                () -> {
                  for (int i = client; i < count; i += CLIENTS) {
                    int status = Http.get(url.apply(i)).status();
                    if (status != 200) {
                      throw new AssertionError(url.apply(i) + " answered " + status);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get(3, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }
  }
}
