package dev.hourglass.it.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.AgentJar;
import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.OtlpReceiver;
import dev.hourglass.it.harness.ReceivedPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripted lookups on real cache libraries in a child JVM with the agent ({@link CacheWorkload}):
 * every cache name's hits and misses arrive exactly, a layer over another is counted once under its
 * own name, and load times lie between the loader's planted sleep and that plus scheduling slack.
 */
class CacheIT {
  private static final String REQUESTS = "hourglass.cache.requests";
  private static final String LOADS = "hourglass.cache.load.duration";
  private static final String EVICTIONS = "hourglass.cache.evictions";
  private static final String SIZE = "hourglass.cache.size";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration RUN = Duration.ofSeconds(120);
  /**
   * Scheduling on a shared 2-core machine (load averages of 15 seen while these tests run), and the
   * library's own work around the loader.
   */
  private static final double SLACK_SECONDS = 0.500;
  private static final double LOAD_SECONDS = CacheWorkload.LOAD_MS / 1000.0;
  private static final Path CAFFEINE_2 = Path.of("target", "caffeine-2");

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @TempDir Path temp;

  private OtlpReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void caffeine3LookupsAreCountedExactlyPerCache() throws IOException {
    run(System.getProperty("java.class.path"), "caffeine");
    assertCaffeineScript();
  }

  @Test
  void caffeine2LookupsAreCountedExactlyPerCache() throws IOException {
    run(classpathWithCaffeine2(), "caffeine");
    assertCaffeineScript();
  }

  @Test
  void springCachesCountOnceUnderTheirSpringNames() throws IOException {
    run(System.getProperty("java.class.path"), "spring");
    assertRequests("owners", 2, 2);
    assertRequests("pets", 2, 2);
    assertRequests("vets", 1, 2);
    assertLoads("owners", 1, 1);
    assertLoads("pets", 1, 1);
    assertThat(lastGauge(SIZE, "pets")).as("a ConcurrentMapCache's entries").isEqualTo(2);
    // Caffeine under Spring's "owners" is not counted again, under any name.
    assertThat(names()).containsExactlyInAnyOrder("owners", "pets", "vets");
  }

  @Test
  void jcacheAndEhcacheCountOnceUnderTheirNames() throws IOException {
    run(System.getProperty("java.class.path"), "jcache", "ehcache");
    assertRequests("jcache-owners", 2, 3);
    assertLoads("jcache-owners", 2, 1);
    assertRequests("eh-owners", 2, 2);
    assertRequests("eh-loaded", 1, 1);
    assertLoads("eh-loaded", 1, 1);
    assertThat(names()).containsExactlyInAnyOrder("jcache-owners", "eh-owners", "eh-loaded");
  }

  @Test
  void distinctCacheNamesStayCappedAndEveryLookupIsCounted() throws IOException {
    run(System.getProperty("java.class.path"), "storm", "100000");
    // Two series per name (hit, miss) within the default cap of 1,000, then the _other series.
    assertThat(names()).hasSizeLessThanOrEqualTo(501).contains("_other");
    long total =
        receiver.dataPoints(REQUESTS).stream().mapToLong(point -> point.number().getAsInt()).sum();
    assertThat(total).isEqualTo(100_000);
  }

  /** See {@link CacheWorkload#caffeine}. */
  private void assertCaffeineScript() {
    assertRequests("CacheWorkload.manual", 5, 4);
    assertLoads("CacheWorkload.manual", 2, 1);
    assertRequests("CacheWorkload.loading", 2, 3);
    assertLoads("CacheWorkload.loading", 2, 1);
    assertRequests("CacheWorkload.async", 1, 2);
    assertThat(histogram("CacheWorkload.async")).as("async loads are not timed").isEmpty();
    assertRequests("CacheWorkload.evicting", 0, 1);
    assertThat(counterTotal(EVICTIONS, "CacheWorkload.evicting")).as("evicted").isEqualTo(3);
    assertThat(lastGauge(SIZE, "CacheWorkload.evicting")).as("entries left").isEqualTo(2);
    assertThat(lastGauge(SIZE, "CacheWorkload.manual")).as("entries of manual").isEqualTo(4);
    assertThat(names())
        .containsExactlyInAnyOrder(
            "CacheWorkload.manual",
            "CacheWorkload.loading",
            "CacheWorkload.async",
            "CacheWorkload.evicting");
  }

  private void run(String classpath, String... scenarios) throws IOException {
    Path go = temp.resolve("go");
    List<String> args = new ArrayList<>(List.of(go.toString()));
    args.addAll(List.of(scenarios));
    ChildJvm child =
        jvms.builder()
            .javaAgent(
                AgentJar.require(),
                String.join(
                    ",",
                    "otel.exporter.otlp.metrics.endpoint=" + receiver.httpEndpoint(),
                    "otel.metric.export.interval=60s",
                    "otel.exporter.otlp.metrics.temporality.preference=delta",
                    "hourglass.shutdown.timeout=30s"))
            .classpath(classpath)
            .mainClass(CacheWorkload.class)
            .args(args.toArray(String[]::new))
            .start();
    child.awaitLine(Pattern.compile("started in \\d+ ms"), STARTUP);
    Files.createFile(go);
    assertThat(child.awaitExit(RUN)).as("workload exit code, see " + child.logFile()).isZero();
    assertThat(child.outputLines()).contains("workload done");
    receiver.awaitMetric(REQUESTS, Duration.ofSeconds(30));
  }

  private void assertRequests(String cache, long hits, long misses) {
    assertThat(requests(cache, "hit")).as(cache + " hits").isEqualTo(hits);
    assertThat(requests(cache, "miss")).as(cache + " misses").isEqualTo(misses);
  }

  /** {@code lookups} loading lookups, each {@code keys} planted sleeps long, plus at most the slack. */
  private void assertLoads(String cache, long lookups, int keys) {
    List<HistogramDataPoint> points = histogram(cache);
    assertThat(points.stream().mapToLong(HistogramDataPoint::getCount).sum())
        .as(cache + " loading lookups")
        .isEqualTo(lookups);
    for (HistogramDataPoint point : points) {
      assertThat(point.getMin()).as(cache + " shortest load").isGreaterThanOrEqualTo(LOAD_SECONDS * keys * 0.999);
      assertThat(point.getMax()).as(cache + " longest load").isLessThan(LOAD_SECONDS * keys + SLACK_SECONDS);
    }
  }

  private long requests(String cache, String result) {
    return receiver.dataPoints(REQUESTS).stream()
        .filter(point -> point.attributes().equals(Map.of("cache.name", cache, "result", result)))
        .mapToLong(point -> point.number().getAsInt())
        .sum();
  }

  private long counterTotal(String metric, String cache) {
    return receiver.dataPoints(metric).stream()
        .filter(point -> cache.equals(point.attributes().get("cache.name")))
        .mapToLong(point -> point.number().getAsInt())
        .sum();
  }

  /** The gauge's value in the last export that has it. */
  private double lastGauge(String metric, String cache) {
    List<ReceivedPoint> points =
        receiver.dataPoints(metric).stream()
            .filter(point -> cache.equals(point.attributes().get("cache.name")))
            .toList();
    assertThat(points).as(metric + " of " + cache).isNotEmpty();
    var last = points.get(points.size() - 1).number();
    return last.hasAsDouble() ? last.getAsDouble() : last.getAsInt();
  }

  private List<HistogramDataPoint> histogram(String cache) {
    return receiver.dataPoints(LOADS).stream()
        .filter(point -> cache.equals(point.attributes().get("cache.name")))
        .map(ReceivedPoint::histogram)
        .filter(point -> point.getCount() > 0)
        .toList();
  }

  private Set<String> names() {
    return receiver.dataPoints(REQUESTS).stream()
        .map(point -> point.attributes().get("cache.name"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The test class path with Caffeine 2.9 in place of Caffeine 3. */
  private static String classpathWithCaffeine2() throws IOException {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> jars = Files.list(CAFFEINE_2)) {
      jars.map(Path::toString).forEach(entries::add);
    }
    assertThat(entries).as("Caffeine 2 copied by the build into " + CAFFEINE_2).hasSize(1);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!Path.of(entry).getFileName().toString().startsWith("caffeine-")) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
