package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.ChildJvms;
import dev.hourglass.it.Http;
import dev.hourglass.it.InstrumentedApp;
import dev.hourglass.it.OtlpReceiver;
import dev.hourglass.it.OtlpReceivers;
import dev.hourglass.it.SelfMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Distinct URLs by the thousand: raw URLs never become series (routes are templates), and when an
 * application does make every URL its own route, the series cap holds, the rest lands in {@code
 * _other} and every overflowing lookup is counted. The memory bound of a full cap is measured in
 * the agent's {@code CardinalityStormTest} (100,000 distinct values in-process).
 */
class CardinalityStormIT {
  private static final String METRIC = "http.server.request.duration";
  private static final String OVERFLOW = "hourglass.agent.series.overflow";
  private static final int CLIENTS = 8;

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
