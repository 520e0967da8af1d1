package dev.hourglass.it.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.Ports;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample app's cached endpoint: its Caffeine cache's hits and misses arrive under the cache's
 * name and under the route that made them, only misses reach the database, and the dashboard's
 * Caches table lists the cache.
 */
class SampleAppCacheIT {
  private static final String CACHE = "CachedOwnerServlet.owners";
  private static final String ROUTE = "/cached/owners/*";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void cachedOwnersCountHitsAndMissesPerCacheAndPerRoute() {
    int dashboard = Ports.free();
    InstrumentedApp app =
        InstrumentedApp.sampleApp(
            jvms.builder()
                .systemProperty("hourglass.http.port", String.valueOf(dashboard))
                .systemProperty("otel.exporter.otlp.metrics.temporality.preference", "delta"),
            "http/protobuf",
            otlp.receiver().httpEndpoint(),
            "2s");
    for (String id : new String[] {"1", "1", "1", "2"}) {
      assertThat(Http.get(app.url("/cached/owners/" + id)).status()).isEqualTo(200);
    }
    String caches = awaitCachesTable("http://127.0.0.1:" + dashboard + "/api/caches");
    app.stopAndFlush();
    otlp.receiver().awaitMetric("hourglass.cache.requests", Duration.ofSeconds(30));

    assertThat(counter("hourglass.cache.requests", Map.of("cache.name", CACHE, "result", "hit")))
        .isEqualTo(2);
    assertThat(counter("hourglass.cache.requests", Map.of("cache.name", CACHE, "result", "miss")))
        .isEqualTo(2);
    assertThat(counter("hourglass.http.route.cache.requests", Map.of("http.route", ROUTE, "result", "hit")))
        .isEqualTo(2);
    assertThat(counter("hourglass.http.route.cache.requests", Map.of("http.route", ROUTE, "result", "miss")))
        .isEqualTo(2);
    assertThat(counter("hourglass.http.server.db.calls", Map.of("http.route", ROUTE)))
        .as("only the misses query the database")
        .isEqualTo(2);
    assertThat(caches).contains("\"name\":\"" + CACHE + "\"");
  }

  /** The table is built at each interval's end: wait for the first one with the cache in it. */
  private static String awaitCachesTable(String url) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      body = Http.get(url).body();
      if (body.contains(CACHE)) {
        return body;
      }
      sleep();
    }
    return body;
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private long counter(String metric, Map<String, String> attributes) {
    return otlp.receiver().dataPoints(metric).stream()
        .filter(point -> point.attributes().equals(attributes))
        .mapToLong(point -> point.number().getAsInt())
        .sum();
  }
}
