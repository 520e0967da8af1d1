package dev.hourglass.it.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.PostgresCluster;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow-request breakdowns on the sample app over a real PostgreSQL 15: a checkout that spends
 * 600 ms in {@code pg_sleep} and then 300 ms in a downstream call shows both in its waterfall, at
 * the offsets and with the durations the endpoint spends (the lower bounds are exact: the agent
 * measures at least what the database and the downstream endpoint sleep); an N+1 request shows its
 * 1 + N statements in order.
 */
class SlowRequestsIT {
  /** Scheduling, JDBC and HTTP overhead on a loaded 2-core machine, above what the endpoint sleeps. */
  private static final double SLACK_MS = 300;

  private static PostgresCluster postgres;

  @RegisterExtension final ChildJvms jvms = new ChildJvms();

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresCluster.start("traces");
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aSlowCheckoutShowsItsQueryAndItsDownstreamCallAndAnNPlusOneRequestItsStatements() {
    TracesApp app =
        TracesApp.start(
            jvms.builder()
                .mainClass(InstrumentedApp.SAMPLE_APP)
                .env("SAMPLE_JDBC_URL", postgres.jdbcUrl())
                .env("SAMPLE_JDBC_USER", PostgresCluster.USER),
            InstrumentedApp.SAMPLE_APP_READY);

    app.warmUpCheckout();
    long before = System.currentTimeMillis();
    assertThat(Http.get(app.url("/checkout?dbMs=600&downstreamMs=300")).status()).isEqualTo(200);
    assertThat(Http.get(app.url("/db/n-plus-one?n=12")).status()).isEqualTo(200);

    Map<String, Object> checkout = app.onlyTrace("/checkout", before);
    assertThat(checkout.get("reason")).isEqualTo("threshold");
    TracesApp.assertCheckoutWaterfall(
        checkout, "SELECT pg_sleep(?)", URI.create(app.url("/")).getPort(), SLACK_MS);

    Map<String, Object> nPlusOne = app.onlyTrace("/db/n-plus-one", before);
    assertThat(nPlusOne.get("reason"))
        .as("the first request of a route in an interval is among its slowest (or, on a cold and"
            + " loaded JVM, over the threshold)")
        .isIn("slowest", "threshold");
    List<Map<String, Object>> statements = TracesApp.entries(nPlusOne);
    assertThat(statements).hasSize(13);
    assertThat(nPlusOne.get("dbCalls")).isEqualTo(13L);
    assertThat((String) statements.get(0).get("statement"))
        .startsWith("SELECT id, name, city FROM owners ORDER BY id");
    assertThat(statements.subList(1, 13))
        .allSatisfy(
            entry ->
                assertThat(entry.get("statement"))
                    .isEqualTo("SELECT id, name FROM pets WHERE owner_id = ? ORDER BY id"));
    TracesApp.assertInOrderWithinTheRequest(nPlusOne);
  }
}
