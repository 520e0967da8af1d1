package dev.hourglass.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresClusterIT {

  // initdb dominates start-up (about 1.5 s here), so the read-only tests share one cluster.
  private static PostgresCluster shared;

  @BeforeAll
  static void startShared() {
    shared = PostgresCluster.start("orders_db");
  }

  @AfterAll
  static void stopShared() {
    if (shared != null) {
      shared.close();
    }
  }

  @Test
  void startedClusterAnswersSelectOneOverJdbc() throws Exception {
    try (Connection connection = shared.connect();
         Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("select 1")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void jdbcUrlPointsAtTheRequestedDatabaseOnLoopbackAsSuperuser() throws Exception {
    assertThat(shared.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + shared.port() + "/orders_db");

    try (Connection connection = shared.connect();
         Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("select current_database(), current_user, version()")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getString(1)).isEqualTo("orders_db");
      assertThat(result.getString(2)).isEqualTo("postgres");
      assertThat(result.getString(3)).startsWith("PostgreSQL 15.");
    }
  }

  @Test
  void closeStopsTheServerAndDeletesItsDirectory() {
    PostgresCluster postgres = PostgresCluster.start();
    long pid = postgres.serverPid().orElseThrow();
    int port = postgres.port();
    Path directory = postgres.directory();
    assertThat(ProcessStates.exited(pid)).isFalse();
    assertThat(accepts(port)).isTrue();

    postgres.close();

    assertThat(ProcessStates.exited(pid)).isTrue();
    assertThat(accepts(port)).isFalse();
    assertThat(Files.exists(directory)).isFalse();
  }

  @Test
  void missingBinariesFailNamingWhatIsMissingAndHowToInstallIt() {
    assertThatThrownBy(() -> PostgresCluster.requireBinaries(Path.of("/nonexistent/postgresql/bin")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[initdb, pg_ctl, postgres] not found in /nonexistent/postgresql/bin")
        .hasMessageContaining("apt-get install postgresql-15");
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
