package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.Ports;
import dev.hourglass.it.web.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history's size cap under a cardinality storm in a real application: 20,000 distinct SQL
 * shapes ({@link StormApp}) fill 5,000 series (the series cap raised to that), about 1.5 MB a
 * minute per resolution, more than {@code hourglass.history.max.size=1MB} (its least) holds. The
 * oldest files go, counted in {@code /api/health}, the folder never holds more than the cap after a
 * prune, and every statement is still measured.
 */
class HistorySizeCapIT {
  private static final long CAP = 1024 * 1024;
  private static final int SHAPES = 20_000;
  private static final String DB = "db.client.operation.duration";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @TempDir Path dir;

  @Test
  void aStormOfSqlShapes_dropsTheOldestFiles_andTheFolderStaysUnderTheCap() throws Exception {
    int port = Ports.free();
    InstrumentedApp app =
        InstrumentedApp.start(
            jvms.builder()
                .mainClass(StormApp.class)
                .systemProperty("hourglass.http.port", String.valueOf(port))
                .systemProperty("hourglass.history.dir", dir.toString())
                .systemProperty("hourglass.history.max.size", "1MB")
                .systemProperty("hourglass.series.cap", "5000")
                .systemProperty("otel.metrics.exporter", "none")
                .systemProperty("otel.metric.export.interval", "1s")
                // Totals stay readable while the test waits for the minute to end.
                .systemProperty("hourglass.series.idle.intervals", "100000"),
            StormApp.READY);
    app.jvm().awaitLine(Pattern.compile("\\[hourglass\\] INFO dashboard at "), Duration.ofSeconds(30));
    String health = "http://127.0.0.1:" + port + "/api/health";

    Http.Response storm = Http.get(app.url("/sql?kind=shapes&from=0&count=" + SHAPES), Duration.ofMinutes(2));
    assertThat(storm.body()).isEqualTo("executed " + (SHAPES + 2));
    // The storm's minutes are written, and the cap applied, as the next minutes begin.
    Map<String, Object> history = awaitDroppedFiles(health, Duration.ofSeconds(200));
    assertThat(((Number) history.get("storedBytes")).longValue()).isLessThanOrEqualTo(CAP);
    assertThat(((Number) history.get("droppedBytes")).longValue()).isPositive();
    long measured = totalCount(Json.object(Http.get("http://127.0.0.1:" + port + "/api/metrics").body()));
    assertThat(measured).as("every statement still measured").isEqualTo(SHAPES + 2);
    assertThat(app.stopAndFlush()).isIn(0, 143);

    assertThat(sizeOf(dir)).as("the folder after the shutdown's last writes").isLessThanOrEqualTo(CAP);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitDroppedFiles(String health, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Object> history = (Map<String, Object>) Json.object(Http.get(health).body()).get("history");
      if (((Number) history.get("droppedFiles")).longValue() > 0) {
        return history;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no history file dropped within " + timeout + ": " + history);
      }
      Thread.sleep(500);
    }
  }

  /** Statements measured since start: the database series' totals, {@code _other} included. */
  @SuppressWarnings("unchecked")
  private static long totalCount(Map<String, Object> metrics) {
    return ((java.util.List<Map<String, Object>>) metrics.get("series")).stream()
        .filter(series -> DB.equals(series.get("metric")))
        .mapToLong(series -> ((Number) ((Map<String, Object>) series.get("total")).get("count")).longValue())
        .sum();
  }

  private static long sizeOf(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().equals(".lock"))
          .mapToLong(file -> file.toFile().length())
          .sum();
    }
  }
}
