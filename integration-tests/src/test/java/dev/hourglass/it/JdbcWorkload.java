package dev.hourglass.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A JDBC workload with known counts per statement shape, run in a child JVM by {@link JdbcIT}.
 * Arguments: JDBC URL, user, and {@code direct} (DriverManager) or {@code hikari} (a HikariCP pool
 * named {@value #POOL}, which also leaks one connection on purpose), and a file whose creation
 * starts the workload: the test creates it once the agent has said it is ready, because
 * statements prepared before the agent wove the driver are timed without their SQL.
 */
public final class JdbcWorkload {
  static final String POOL = "workload-pool";
  static final int POOL_SIZE = 4;
  static final int PREPARED_SELECTS = 7;
  static final int SECRET_SELECTS = 3;
  static final int CALLS = 2;
  static final int BATCHES = 2;
  static final int BATCH_SIZE = 5;
  static final int FAILURES = 2;
  static final String SECRET_PASSWORD = "hunter2-pw-7781";
  static final String SECRET_EMAIL = "alice.secret@example.com";
  static final String SECRET_CARD = "4111111111111111";

  /** Held until exit so the leak detector sees it open, not collected. */
  private static Connection leaked;

  private JdbcWorkload() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    boolean pooled = args[2].equals("hikari");
    boolean postgres = url.startsWith("jdbc:postgresql:");
    awaitFile(java.nio.file.Path.of(args[3]));
    HikariDataSource pool = pooled ? pool(url, user) : null;
    // Pooled, each step borrows its own connection and returns it at once, so that only the
    // connection leaked on purpose is ever held past the leak threshold, however slow this box.
    Connections connections =
        pooled ? pool::getConnection : () -> DriverManager.getConnection(url, user, "");
    if (pooled) {
      for (Step step : steps(postgres)) {
        try (Connection connection = connections.get()) {
          step.run(connection);
        }
      }
      leakOneConnection(pool);
      try (Connection returned = pool.getConnection()) {
        returned.isValid(1);
      }
      // Leak threshold 3 s (set by the test), sweeps every 750 ms: the leak is reported in here.
      Thread.sleep(4_000);
    } else {
      try (Connection connection = connections.get()) {
        for (Step step : steps(postgres)) {
          step.run(connection);
        }
      }
    }
    System.out.println("workload done");
    System.exit(0); // the agent's shutdown hook exports the last interval
  }

  private static void awaitFile(java.nio.file.Path go) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!java.nio.file.Files.exists(go)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("never told to start: " + go);
      }
      Thread.sleep(20);
    }
  }

  private static HikariDataSource pool(String url, String user) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPoolName(POOL);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    return new HikariDataSource(config);
  }

  private static void leakOneConnection(HikariDataSource pool) throws SQLException {
    leaked = pool.getConnection();
  }

  private interface Connections {
    Connection get() throws SQLException;
  }

  private interface Step {
    void run(Connection connection) throws SQLException;
  }

  /** Borrows by the application in pooled mode: one per step, the leaked one and a returned one. */
  static final int POOLED_BORROWS = 5 + 2;

  private static java.util.List<Step> steps(boolean postgres) {
    return java.util.List.of(
        connection -> schema(connection, postgres),
        JdbcWorkload::preparedSelects,
        connection -> plainStatements(connection, postgres),
        JdbcWorkload::calls,
        JdbcWorkload::batches);
  }

  private static void schema(Connection connection, boolean postgres) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(
          "CREATE TABLE owners (id INT PRIMARY KEY, name VARCHAR(100), email VARCHAR(100),"
              + " password VARCHAR(100), card VARCHAR(20))");
      ddl.execute("CREATE TABLE pets (owner_id INT, name VARCHAR(100))");
      ddl.execute(
          postgres
              ? "CREATE FUNCTION add_one(i int) RETURNS int AS $$ SELECT i + 1 $$ LANGUAGE sql"
              : "CREATE ALIAS add_one FOR 'java.lang.Math.incrementExact(int)'");
      ddl.executeUpdate("INSERT INTO owners VALUES (1, 'Ann', 'ann@x.org', 'pw', '0')");
    }
  }

  private static void preparedSelects(Connection connection) throws SQLException {
    try (PreparedStatement byId =
        connection.prepareStatement("SELECT name FROM owners WHERE id = ?")) {
      for (int i = 0; i < PREPARED_SELECTS; i++) {
        byId.setInt(1, i);
        try (ResultSet rows = byId.executeQuery()) {
          rows.next();
        }
      }
    }
  }

  private static void plainStatements(Connection connection, boolean postgres)
      throws SQLException {
    try (Statement plain = connection.createStatement()) {
      for (int i = 0; i < SECRET_SELECTS; i++) {
        plain.executeQuery(
                "SELECT id FROM owners WHERE password = '" + SECRET_PASSWORD + "' OR email = '"
                    + SECRET_EMAIL + "' OR card = '" + SECRET_CARD + "'")
            .close();
      }
      plain.executeUpdate("UPDATE owners SET name = 'Bea' WHERE id = 1");
      for (int i = 0; i < FAILURES; i++) {
        try {
          plain.executeQuery("SELECT * FROM no_such_table");
        } catch (SQLException expected) {
          // the point: error.type must carry SQLState class 42
        }
      }
      if (postgres) {
        plain.executeQuery("SELECT pg_sleep(0.3)").close();
      }
    }
  }

  private static void calls(Connection connection) throws SQLException {
    try (CallableStatement call = connection.prepareCall("{call add_one(?)}")) {
      for (int i = 0; i < CALLS; i++) {
        call.setInt(1, i);
        call.execute();
      }
    }
  }

  private static void batches(Connection connection) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO pets (owner_id, name) VALUES (?, ?)")) {
      for (int batch = 0; batch < BATCHES; batch++) {
        for (int i = 0; i < BATCH_SIZE; i++) {
          insert.setInt(1, 1);
          insert.setString(2, "pet" + i);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }
}
