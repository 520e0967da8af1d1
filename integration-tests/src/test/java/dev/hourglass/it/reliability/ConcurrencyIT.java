package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceiver;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.SelfMetrics;
import dev.hourglass.it.harness.SummaryPoint;
import dev.hourglass.it.reliability.Hammer.Call;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 64 client threads hammer the sample app while the agent swaps its recorders every 200 ms: every
 * request, every JDBC statement and every outgoing HTTP call those requests make is exported
 * exactly once (delta sums over all intervals equal the client's tally, per route and status), and
 * every exported interval quantile lies where the ground truth puts it: no shorter than what the
 * endpoint sleeps, no longer than the longest round trip the client saw for it.
 */
class ConcurrencyIT {
  private static final int THREADS = 64;
  private static final String INTERVAL = "200ms";
  /** Swaps that must end while the hammer runs; it runs until a few more have been exported. */
  private static final int MIN_SWAPS = 20;
  private static final int EXPORTS_TO_WAIT_FOR = MIN_SWAPS + 5;
  /** A loaded machine may run the interval clock late; past this the test gives up waiting. */
  private static final Duration LONGEST_RUN = Duration.ofSeconds(60);
  private static final double SLEEP_SECONDS = 0.020;
  /**
   * Reported values are HdrHistogram bucket tops (3 significant digits: at most 0.1% high), and a
   * server may end its measurement a little after the client already has the flushed answer.
   */
  private static final double PRECISION = 1.001;
  private static final double AFTER_FLUSH_SECONDS = 0.005;

  private static final String SERVER = "http.server.request.duration";
  private static final String DB = "db.client.operation.duration";
  private static final String CLIENT = "http.client.request.duration";
  private static final String BY_ID = "SELECT id, name, city FROM owners WHERE id = ?";
  private static final String ALL = "SELECT id, name, city FROM owners ORDER BY id";

  private static final Call FAST = new Call("/fast", 200);
  private static final Call OWNER = new Call("/owners/7", 200);
  private static final Call NO_OWNER = new Call("/owners/424242", 404);
  private static final Call FAIL = new Call("/fail", 500);
  private static final Call LIST = new Call("/db/owners", 200);
  private static final Call SLOW = new Call("/slow?ms=20", 200);
  private static final Call DOWNSTREAM = new Call("/downstream?ms=20", 200);
  private static final List<Call> CALLS =
      List.of(FAST, OWNER, NO_OWNER, FAIL, LIST, SLOW, DOWNSTREAM);

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void sixtyFourThreadsAcrossManyIntervalSwapsAreExportedExactlyOnceWithSaneQuantiles()
      throws Exception {
    OtlpReceiver receiver = otlp.receiver();
    InstrumentedApp app =
        InstrumentedApp.sampleApp(
            jvms.builder()
                .systemProperty("otel.exporter.otlp.metrics.temporality.preference", "delta")
                // Exact sums need every delta snapshot: never drop one while the exporter lags.
                .systemProperty("hourglass.export.queue", "1000"),
            "http/protobuf",
            receiver.httpEndpoint(),
            INTERVAL);
    String port = String.valueOf(URI.create(app.url("/")).getPort());

    int exportsBefore = receiver.exports().size();
    long hammerStart = epochNanos();
    Hammer hammer =
        Hammer.run(
            app.url(""),
            CALLS,
            THREADS,
            () -> receiver.exports().size() >= exportsBefore + EXPORTS_TO_WAIT_FOR,
            LONGEST_RUN);
    long hammerEnd = epochNanos();
    // The last answers may be flushed a moment before their measurement ends; then flush it all.
    Thread.sleep(1000);
    assertThat(app.stopAndFlush()).isIn(0, 143);

    SoftAssertions soft = new SoftAssertions();
    // Every interval exports the thread-count gauge, stamped with the interval's end.
    long swaps = receiver.dataPoints("jvm.thread.count").stream()
        .mapToLong(point -> point.number().getTimeUnixNano())
        .filter(end -> end > hammerStart && end <= hammerEnd)
        .count();
    soft.assertThat(swaps)
        .as("intervals that ended while the hammer ran")
        .isGreaterThanOrEqualTo(MIN_SWAPS);

    assertServerCount(soft, receiver, "/fast", "200", hammer.answered(FAST));
    assertServerCount(soft, receiver, "/owners/*", "200", hammer.answered(OWNER));
    assertServerCount(soft, receiver, "/owners/*", "404", hammer.answered(NO_OWNER));
    assertServerCount(soft, receiver, "/fail", "500", hammer.answered(FAIL));
    assertServerCount(soft, receiver, "/db/owners", "200", hammer.answered(LIST));
    assertServerCount(soft, receiver, "/downstream", "200", hammer.answered(DOWNSTREAM));
    // /slow is called directly and by every /downstream request.
    assertServerCount(
        soft, receiver, "/slow", "200", hammer.answered(SLOW) + hammer.answered(DOWNSTREAM));
    soft.assertThat(receiver.histogramCount(SERVER, Map.of()))
        .as("no request under any other route or status")
        .isEqualTo(hammer.total() + hammer.answered(DOWNSTREAM));

    soft.assertThat(receiver.histogramCount(DB, Map.of("db.query.text", BY_ID)))
        .as("one SELECT per /owners/* request")
        .isEqualTo(hammer.answered(OWNER) + hammer.answered(NO_OWNER));
    soft.assertThat(receiver.histogramCount(DB, Map.of("db.query.text", ALL)))
        .as("one SELECT per /db/owners request")
        .isEqualTo(hammer.answered(LIST));
    soft.assertThat(receiver.histogramCount(CLIENT, Map.of("server.port", port)))
        .as("one outgoing call per /downstream request")
        .isEqualTo(hammer.answered(DOWNSTREAM));
    soft.assertThat(receiver.histogramCount(
            CLIENT, Map.of("server.port", port, "http.response.status_code", "200")))
        .isEqualTo(hammer.answered(DOWNSTREAM));

    double fast = hammer.longestSeconds(FAST);
    double fail = hammer.longestSeconds(FAIL);
    double list = hammer.longestSeconds(LIST);
    double downstream = hammer.longestSeconds(DOWNSTREAM);
    double slow = Math.max(hammer.longestSeconds(SLOW), downstream);
    double owners = Math.max(hammer.longestSeconds(OWNER), hammer.longestSeconds(NO_OWNER));
    assertQuantiles(soft, receiver, SERVER, Map.of("http.route", "/fast"), 0, fast);
    assertQuantiles(soft, receiver, SERVER, Map.of("http.route", "/owners/*"), 0, owners);
    assertQuantiles(soft, receiver, SERVER, Map.of("http.route", "/fail"), 0, fail);
    assertQuantiles(soft, receiver, SERVER, Map.of("http.route", "/db/owners"), 0, list);
    assertQuantiles(soft, receiver, SERVER, Map.of("http.route", "/slow"), SLEEP_SECONDS, slow);
    assertQuantiles(
        soft, receiver, SERVER, Map.of("http.route", "/downstream"), SLEEP_SECONDS, downstream);
    assertQuantiles(soft, receiver, DB, Map.of("db.query.text", BY_ID), 0, owners);
    assertQuantiles(soft, receiver, DB, Map.of("db.query.text", ALL), 0, list);
    assertQuantiles(soft, receiver, CLIENT, Map.of("server.port", port), SLEEP_SECONDS, downstream);

    soft.assertThat(SelfMetrics.values(receiver, "hourglass.agent.export.dropped"))
        .as("snapshots dropped (delta counts)")
        .allMatch(dropped -> dropped == 0);
    soft.assertThat(receiver.dataPoints("hourglass.agent.advice.errors")).isEmpty();
    soft.assertThat(receiver.dataPoints("hourglass.agent.series.overflow")).isEmpty();
    System.out.printf(
        "ConcurrencyIT: %d requests from %d threads in %.1f s, %d intervals; longest round trips:"
            + " /fast %.1f ms, /slow %.1f ms, /db/owners %.1f ms%n",
        hammer.total(), THREADS, (hammerEnd - hammerStart) / 1e9, swaps, fast * 1e3, slow * 1e3,
        list * 1e3);
    soft.assertAll();
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static void assertServerCount(
      SoftAssertions soft, OtlpReceiver receiver, String route, String status, long expected) {
    Map<String, String> series = Map.of("http.route", route, "http.response.status_code", status);
    soft.assertThat(receiver.histogramCount(SERVER, series))
        .as("requests exported for %s %s", route, status)
        .isEqualTo(expected);
  }

  /**
   * Every interval's p50 ≤ p95 ≤ p99 ≤ p99.9 ≤ max of the matching series lies in [{@code
   * atLeast}, {@code clientLongest}]: what the endpoint sleeps, and the longest round trip the
   * client saw (plus the stated slack).
   */
  private static void assertQuantiles(
      SoftAssertions soft,
      OtlpReceiver receiver,
      String metric,
      Map<String, String> filter,
      double atLeast,
      double clientLongest) {
    List<SummaryPoint> points = receiver.summaryPoints(metric + ".quantiles").stream()
        .filter(point -> point.attributes().entrySet().containsAll(filter.entrySet()))
        .toList();
    soft.assertThat(points).as("%s %s intervals", metric, filter).isNotEmpty();
    double ceiling = clientLongest * PRECISION + AFTER_FLUSH_SECONDS;
    for (SummaryPoint point : points) {
      List<Double> values = List.copyOf(point.quantiles().values());
      soft.assertThat(point.quantiles().keySet()).containsExactly(0.5, 0.95, 0.99, 0.999, 1.0);
      soft.assertThat(values).as("%s %s quantiles in order", metric, filter).isSorted();
      soft.assertThat(values.get(0))
          .as("%s %s p50 against the endpoint's sleep", metric, filter)
          .isGreaterThanOrEqualTo(atLeast);
      soft.assertThat(point.quantiles().get(0.99))
          .as("%s %s p99 against the client's longest %.4f s", metric, filter, clientLongest)
          .isLessThanOrEqualTo(ceiling);
      soft.assertThat(point.quantiles().get(1.0))
          .as("%s %s max against the client's longest %.4f s", metric, filter, clientLongest)
          .isLessThanOrEqualTo(ceiling);
    }
  }
}
