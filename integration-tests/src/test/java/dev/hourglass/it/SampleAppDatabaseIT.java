package dev.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.AgentJar;
import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.OtlpReceiver;
import dev.hourglass.it.harness.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample web app, on a real PostgreSQL 15 through its HikariCP pool, with the agent: an N+1
 * endpoint makes exactly one finding per request, a request under the threshold none, and a slow
 * query is logged once with the route of the request that ran it.
 */
class SampleAppDatabaseIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final String PETS_BY_OWNER = "SELECT id, name FROM pets WHERE owner_id = ? ORDER BY id";
  private static final String N_PLUS_ONE_ROUTE = "/db/n-plus-one";

  private static PostgresCluster postgres;

  @RegisterExtension final ChildJvms jvms = new ChildJvms();

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresCluster.start("sample");
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void nPlusOneRequestsAreFoundOncePerRequestAndSlowQueriesCarryTheirRoute() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ChildJvm app =
          jvms.builder()
              .name("SampleApp-postgres")
              .javaAgent(AgentJar.require())
              .classpath(sampleJar().toString())
              .mainClass("dev.hourglass.sample.SampleApp")
              .args("--port", "0")
              .env("SAMPLE_JDBC_URL", postgres.jdbcUrl())
              .env("SAMPLE_JDBC_USER", PostgresCluster.USER)
              .systemProperty("otel.exporter.otlp.metrics.endpoint", receiver.httpEndpoint())
              .systemProperty("otel.exporter.otlp.metrics.temporality.preference", "delta")
              // One interval for the whole scenario, so rate-limited log lines appear once each.
              .systemProperty("otel.metric.export.interval", "60s")
              .systemProperty("hourglass.jdbc.slow.threshold", "400ms")
              .start();
      app.awaitLine(Pattern.compile("^\\[hourglass\\] INFO started in"), STARTUP);
      String base = app.awaitLine(Pattern.compile("listening on (\\S+)"), STARTUP).group(1);
      String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;

      // Two N+1 requests (1 owners query + 12 pets queries each), one under the threshold (5).
      assertThat(Http.get(root + "/db/n-plus-one?n=12").status()).isEqualTo(200);
      assertThat(Http.get(root + "/db/n-plus-one?n=12").status()).isEqualTo(200);
      assertThat(Http.get(root + "/db/n-plus-one?n=5").status()).isEqualTo(200);
      assertThat(Http.get(root + "/db/slow?ms=700").status()).isEqualTo(200);
      app.stop(); // the shutdown hook exports the one interval

      List<String> nPlusOneLines = lines(app, "\"db.n_plus_one\"");
      assertThat(nPlusOneLines).hasSize(1);
      assertThat(nPlusOneLines.get(0))
          .contains("\"http.route\":\"" + N_PLUS_ONE_ROUTE + "\"")
          .contains("\"db.query.text\":\"" + PETS_BY_OWNER + "\"")
          .contains("\"executions\":12");
      assertThat(counter(receiver, "hourglass.db.n_plus_one",
              Map.of("http.route", N_PLUS_ONE_ROUTE, "db.query.text", PETS_BY_OWNER)))
          .isEqualTo(2);
      assertThat(counter(receiver, "hourglass.db.n_plus_one", Map.of())).isEqualTo(2);

      // Only pg_sleep is slow by design; on a loaded machine schema creation at start-up can
      // genuinely take longer than the threshold too, and is then rightly reported.
      List<String> slowLines =
          lines(app, "\"db.slow_query\"").stream().filter(line -> line.contains("pg_sleep")).toList();
      assertThat(slowLines).hasSize(1);
      assertThat(slowLines.get(0))
          .contains("\"db.query.text\":\"SELECT pg_sleep(?)\"")
          .contains("\"http.route\":\"/db/slow\"")
          .contains("\"code.frame\":\"dev.hourglass.sample.db.OwnerStore.slowQuery(");

      // Per route: database time per request and statements per request.
      assertThat(receiver.histogramCount("hourglass.http.server.db.duration",
              Map.of("http.route", N_PLUS_ONE_ROUTE)))
          .isEqualTo(3);
      assertThat(counter(receiver, "hourglass.http.server.db.calls",
              Map.of("http.route", N_PLUS_ONE_ROUTE)))
          .isEqualTo(13 + 13 + 6);
      assertThat(receiver.histogramCount("db.client.operation.duration",
              Map.of("db.query.text", PETS_BY_OWNER, "db.system.name", "postgresql")))
          .isEqualTo(12 + 12 + 5);
    }
  }

  private static List<String> lines(ChildJvm app, String marker) {
    return app.outputLines().stream().filter(line -> line.contains(marker)).toList();
  }

  private static long counter(OtlpReceiver receiver, String metric, Map<String, String> filter) {
    return receiver.dataPoints(metric).stream()
        .filter(p -> p.attributes().entrySet().containsAll(filter.entrySet()))
        .mapToLong(p -> p.number().getAsInt())
        .sum();
  }

  private static Path sampleJar() {
    Path jar = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("build the sample app first: " + jar.toAbsolutePath());
    }
    return jar;
  }
}
