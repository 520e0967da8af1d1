package dev.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.AgentJar;
import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.OtlpReceiver;
import dev.hourglass.it.harness.PostgresCluster;
import dev.hourglass.it.harness.ReceivedPoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A JDBC workload with known counts ({@link JdbcWorkload}) runs in a child JVM with the agent,
 * against H2 and a real PostgreSQL 15, directly and through HikariCP. Every count per statement
 * shape must arrive exactly; no literal of the workload may leave the process.
 */
class JdbcIT {
  private static final Duration RUN = Duration.ofSeconds(60);
  private static final String METRIC = "db.client.operation.duration";

  private static PostgresCluster postgres;

  @RegisterExtension final ChildJvms jvms = new ChildJvms();

  private OtlpReceiver receiver;

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresCluster.start("workload");
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void h2ThroughDriverManager() {
    ChildJvm child = runWorkload("jdbc:h2:mem:direct;DB_CLOSE_DELAY=-1", "sa", "direct");
    assertExactCountsPerShape("h2database", "", "");
    assertNothingSecretLeft(child);
  }

  @Test
  void h2ThroughHikari() {
    ChildJvm child = runWorkload("jdbc:h2:mem:pooled;DB_CLOSE_DELAY=-1", "sa", "hikari");
    assertExactCountsPerShape("h2database", "", "");
    assertPoolMetricsAndOneLeak(child);
    assertNothingSecretLeft(child);
  }

  @Test
  void postgresThroughPgjdbc() {
    ChildJvm child = runWorkload(postgres.jdbcUrl(), PostgresCluster.USER, "direct");
    assertExactCountsPerShape("postgresql", "127.0.0.1", String.valueOf(postgres.port()));
    assertSlowSleepLoggedOnce(child);
    assertNothingSecretLeft(child);
  }

  @Test
  void postgresThroughHikari() {
    ChildJvm child = runWorkload(postgres.jdbcUrl(), PostgresCluster.USER, "hikari");
    assertExactCountsPerShape("postgresql", "127.0.0.1", String.valueOf(postgres.port()));
    assertSlowSleepLoggedOnce(child);
    assertPoolMetricsAndOneLeak(child);
    assertNothingSecretLeft(child);
  }

  private ChildJvm runWorkload(String url, String user, String mode) {
    // Each run gets its own PostgreSQL schema objects: drop what an earlier run created.
    if (url.startsWith("jdbc:postgresql:")) {
      resetPostgres();
    }
    java.nio.file.Path go = goFile();
    ChildJvm child =
        jvms.builder()
            .name("JdbcWorkload-" + mode)
            .javaAgent(AgentJar.require())
            .mainClass(JdbcWorkload.class)
            .args(url, user, mode, go.toString())
            .systemProperty("otel.exporter.otlp.metrics.endpoint", receiver.httpEndpoint())
            .systemProperty("otel.exporter.otlp.metrics.temporality.preference", "delta")
            .systemProperty("otel.metric.export.interval", "500ms")
            // Exact counts need every delta snapshot: never drop one while the exporter warms up.
            .systemProperty("hourglass.export.queue", "1000")
            .systemProperty("hourglass.jdbc.slow.threshold", "200ms")
            .systemProperty("hourglass.jdbc.leak.threshold", "3s")
            .systemProperty("hourglass.jdbc.leak.frames", "always")
            .start();
    child.awaitLine(java.util.regex.Pattern.compile("^\\[hourglass\\] INFO started in"), RUN);
    try {
      java.nio.file.Files.createFile(go);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(child.awaitExit(RUN)).as("exit code; log: %s", child.logFile()).isZero();
    assertThat(child.outputLines()).contains("workload done");
    return child;
  }

  private void assertExactCountsPerShape(String system, String address, String port) {
    Map<String, String> db =
        Map.of("db.system.name", system, "server.address", address, "server.port", port);
    assertCount(
        with(db, "db.query.text", "SELECT name FROM owners WHERE id = ?",
            "db.operation.name", "SELECT", "db.collection.name", "owners"),
        JdbcWorkload.PREPARED_SELECTS);
    assertCount(
        with(db, "db.query.text",
            "SELECT id FROM owners WHERE password = ? OR email = ? OR card = ?"),
        JdbcWorkload.SECRET_SELECTS);
    assertCount(
        with(db, "db.query.text", "UPDATE owners SET name = ? WHERE id = ?",
            "db.operation.name", "UPDATE"),
        1);
    assertCount(
        with(db, "db.query.text", "SELECT * FROM no_such_table", "error.type", "42"),
        JdbcWorkload.FAILURES);
    assertCount(
        with(db, "db.query.text", "{call add_one(?)}", "db.operation.name", "CALL"),
        JdbcWorkload.CALLS);
    assertCount(
        with(db, "db.query.text", "INSERT INTO pets(owner_id, name) VALUES (?, ?)",
            "db.operation.name", "BATCH INSERT", "db.collection.name", "pets"),
        JdbcWorkload.BATCHES);
    assertThat(counterTotal("db.client.operation.batch.statements",
            Map.of("db.query.text", "INSERT INTO pets(owner_id, name) VALUES (?, ?)")))
        .isEqualTo(JdbcWorkload.BATCHES * JdbcWorkload.BATCH_SIZE);
    // A failed execution is never counted as a success of the same shape.
    assertThat(points(METRIC).stream()
            .filter(p -> "SELECT * FROM no_such_table".equals(p.attributes().get("db.query.text")))
            .allMatch(p -> "42".equals(p.attributes().get("error.type"))))
        .isTrue();
  }

  private void assertSlowSleepLoggedOnce(ChildJvm child) {
    // Other statements may be slow too on a loaded machine (cold JIT); the sleep always is.
    List<String> slow =
        child.outputLines().stream()
            .filter(l -> l.contains("\"db.slow_query\""))
            .filter(l -> l.contains("pg_sleep"))
            .toList();
    assertThat(slow).hasSize(1);
    assertThat(slow.get(0))
        .contains("\"db.query.text\":\"SELECT pg_sleep(?)\"")
        .contains("\"http.route\":\"\"")
        .contains("\"code.frame\":\"dev.hourglass.it.JdbcWorkload.plainStatements(JdbcWorkload.java:");
    assertThat(counterTotal("hourglass.db.slow.queries", Map.of("db.query.text", "SELECT pg_sleep(?)")))
        .isEqualTo(1);
  }

  private void assertPoolMetricsAndOneLeak(ChildJvm child) {
    List<String> leaks =
        child.outputLines().stream().filter(l -> l.contains("\"event\":\"db.connection")).toList();
    assertThat(leaks).as("leak reports").hasSize(1);
    assertThat(leaks.get(0))
        .contains("\"event\":\"db.connection.leak\"")
        .contains("\"db.client.connection.pool.name\":\"" + JdbcWorkload.POOL + "\"")
        .contains("\"code.frame\":\"dev.hourglass.it.JdbcWorkload.leakOneConnection(");
    assertThat(counterTotal("hourglass.db.connection.leaks", Map.of())).isEqualTo(1);
    // Borrows by the application; the pool filling itself is not a wait.
    assertThat(receiver.histogramCount("db.client.connection.wait_time",
            Map.of("db.client.connection.pool.name", JdbcWorkload.POOL)))
        .isEqualTo(JdbcWorkload.POOLED_BORROWS);
    assertThat(lastGauge("db.client.connection.max")).isEqualTo(JdbcWorkload.POOL_SIZE);
    assertThat(lastGauge("db.client.connection.count", "db.client.connection.state", "used"))
        .isEqualTo(1);
  }

  private void assertNothingSecretLeft(ChildJvm child) {
    List<String> secrets =
        List.of(JdbcWorkload.SECRET_PASSWORD, JdbcWorkload.SECRET_EMAIL, JdbcWorkload.SECRET_CARD);
    assertThat(receiver.rawBodies()).isNotEmpty();
    for (byte[] body : receiver.rawBodies()) {
      String text = new String(body, StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
    String log = String.join("\n", child.outputLines());
    for (String secret : secrets) {
      assertThat(log).doesNotContain(secret);
    }
  }

  private void assertCount(Map<String, String> attributes, long expected) {
    Map<String, String> filter = new java.util.HashMap<>(attributes);
    filter.putIfAbsent("error.type", null);
    long count =
        points(METRIC).stream()
            .filter(p -> matches(p.attributes(), filter))
            .mapToLong(p -> p.histogram().getCount())
            .sum();
    assertThat(count)
        .as("%s %s; shapes seen: %s", METRIC, attributes, shapesSeen())
        .isEqualTo(expected);
  }

  /** A null filter value means: the attribute must be absent. */
  private static boolean matches(Map<String, String> attributes, Map<String, String> filter) {
    for (Map.Entry<String, String> entry : filter.entrySet()) {
      String actual = attributes.get(entry.getKey());
      if (entry.getValue() == null || entry.getValue().isEmpty()) {
        if (actual != null && !actual.isEmpty()) {
          return false;
        }
      } else if (!entry.getValue().equals(actual)) {
        return false;
      }
    }
    return true;
  }

  private List<ReceivedPoint> points(String metric) {
    return receiver.dataPoints(metric).stream().filter(p -> p.proto() instanceof
        io.opentelemetry.proto.metrics.v1.HistogramDataPoint).toList();
  }

  private String shapesSeen() {
    return points(METRIC).stream()
        .map(p -> p.attributes().get("db.query.text") + " " + p.attributes().get("error.type"))
        .distinct()
        .collect(Collectors.joining(" | "));
  }

  private long counterTotal(String metric, Map<String, String> filter) {
    return receiver.dataPoints(metric).stream()
        .filter(p -> matches(p.attributes(), filter))
        .mapToLong(p -> ((io.opentelemetry.proto.metrics.v1.NumberDataPoint) p.proto()).getAsInt())
        .sum();
  }

  private double lastGauge(String metric, String... attribute) {
    List<ReceivedPoint> points =
        receiver.dataPoints(metric).stream()
            .filter(p -> attribute.length == 0 || attribute[1].equals(p.attributes().get(attribute[0])))
            .toList();
    assertThat(points).as(metric).isNotEmpty();
    io.opentelemetry.proto.metrics.v1.NumberDataPoint last =
        (io.opentelemetry.proto.metrics.v1.NumberDataPoint) points.get(points.size() - 1).proto();
    return last.hasAsDouble() ? last.getAsDouble() : last.getAsInt();
  }

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> all = new java.util.HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      all.put(pairs[i], pairs[i + 1]);
    }
    return all;
  }

  private static java.nio.file.Path goFile() {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jdbc-workload");
      dir.toFile().deleteOnExit();
      return dir.resolve("go");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void resetPostgres() {
    try (java.sql.Connection connection = postgres.connect();
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS owners, pets");
      statement.execute("DROP FUNCTION IF EXISTS add_one(int)");
    } catch (java.sql.SQLException e) {
      throw new AssertionError("cannot reset the PostgreSQL schema", e);
    }
  }
}
