package dev.hourglass.it.reliability;

import java.lang.reflect.InvocationHandler;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * An application whose JDBC layer (its pool, its wrappers) misbehaves towards anyone who asks it
 * more than the application does, against an in-memory H2 database. Each scenario prints one line
 * {@code outcome <scenario>: <what the application got>} per round, {@value #ROUNDS} rounds, each
 * with fresh objects; the same lines must come out with and without the agent.
 *
 * <p>Starts when the file named by its first argument exists (the test creates it once the agent
 * has woven the JDBC classes), then exits 0.
 */
public final class HostileJdbcApp {
  static final int ROUNDS = 3;
  /** Outcome lines per round. */
  static final int SCENARIOS = 11;
  static final String REFUSAL = "deletes are not allowed through this connection";
  static final String REFUSED_SQL = "DELETE FROM owners WHERE id = 2";
  private static final String URL = "jdbc:h2:mem:hostile;DB_CLOSE_DELAY=-1";

  private HostileJdbcApp() {}

  public static void main(String[] args) throws Exception {
    StartSignal.await(args[0]);
    try (Connection h2 = DriverManager.getConnection(URL, "sa", "")) {
      try (Statement setup = h2.createStatement()) {
        setup.execute("CREATE TABLE owners(id INT PRIMARY KEY, name VARCHAR(40))");
        setup.execute("INSERT INTO owners VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')");
      }
      for (int round = 0; round < ROUNDS; round++) {
        Outcome.print(
            "pool answers null", () -> String.valueOf(nullAnsweringPool().getConnection()));
        Outcome.print("getMetaData() throws", () -> nameOfOwner(metadataRefusing(h2), 1));
        Outcome.print("getURL() is null", () -> nameOfOwner(urlHiding(h2), 2));
        Outcome.print("getMetaData() queries itself", () -> nameOfOwner(selfChecking(h2), 3));
        Outcome.print("statement's getConnection() is null", () -> ownerCount(orphanStatement(h2)));
        Outcome.print("statement lacks getConnection()", () -> ownerCount(olderStatement(h2)));
        Outcome.print("statement of a JDBC 3 driver", () -> ownerCount(jdbc3Statement(h2)));
        Outcome.print(
            "connection lacks getMetaData()", () -> ownerCount(statementOfOlderConnection(h2)));
        Outcome.print("execute throws the application's exception", () -> refusedDelete(h2));
        Outcome.print("execute(null)", () -> String.valueOf(h2.createStatement().execute(null)));
        Outcome.print("prepareStatement(null)", () -> h2.prepareStatement(null) + " prepared");
      }
    }
    System.out.println("hostile JDBC app done");
    System.exit(0); // the agent's shutdown hook exports the last interval
  }

  private static String nameOfOwner(Connection connection, int id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT name FROM owners WHERE id = ?")) {
      select.setInt(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : "no such owner";
      }
    }
  }

  private static String ownerCount(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM owners")) {
      rows.next();
      return rows.getLong(1) + " owners";
    }
  }

  /** A pool that has been shut down and answers null instead of throwing. */
  private static DataSource nullAnsweringPool() {
    return HandRolled.implement(DataSource.class, (self, method, args) -> null);
  }

  /**
   * A proxy that tags each statement with a comment for the database's logs (as sqlcommenter does),
   * so the agent cannot take the driver's statement for the proxy's, and refuses its metadata.
   */
  private static Connection metadataRefusing(Connection h2) {
    return taggingProxy(
        h2,
        (self, method, args) -> {
          throw new SQLException("metadata is not available through this proxy");
        });
  }

  private static Connection urlHiding(Connection h2) {
    DatabaseMetaData hidden =
        HandRolled.implement(
            DatabaseMetaData.class,
            (self, method, args) ->
                method.getName().equals("getURL")
                    ? null
                    : HandRolled.forward(DatabaseMetaData.class, h2.getMetaData(), method, args));
    return taggingProxy(h2, (self, method, args) -> hidden);
  }

  /** A proxy that checks its connection with a query before it hands out the metadata. */
  private static Connection selfChecking(Connection h2) {
    return taggingProxy(
        h2,
        (self, method, args) -> {
          try (Statement check = ((Connection) self).createStatement()) {
            check.execute("SELECT 1");
          }
          return h2.getMetaData();
        });
  }

  /** {@code getMetaData} goes to {@code metadata}; statements are prepared with a tag. */
  private static Connection taggingProxy(Connection h2, InvocationHandler metadata) {
    return HandRolled.implement(
        Connection.class,
        (self, method, args) -> {
          if (method.getName().equals("getMetaData")) {
            return metadata.invoke(self, method, args);
          }
          if (method.getName().equals("prepareStatement")) {
            args[0] = "/* app=hostile */ " + args[0];
          }
          return HandRolled.forward(Connection.class, h2, method, args);
        });
  }

  /** A statement wrapper the application builds itself, which does not know its connection. */
  private static Statement orphanStatement(Connection h2) throws SQLException {
    return wrapperClaiming(null, h2.createStatement());
  }

  /** A statement wrapper whose getConnection() answers {@code connection}. */
  private static Statement wrapperClaiming(Connection connection, Statement driver) {
    return HandRolled.implement(
        Statement.class,
        (self, method, args) ->
            method.getName().equals("getConnection")
                ? connection
                : HandRolled.forward(Statement.class, driver, method, args));
  }

  /** A statement class of a library compiled against a java.sql without getConnection(). */
  private static Statement olderStatement(Connection h2) throws SQLException {
    return HandRolled.implement(
        Statement.class,
        HandRolled.forwardingTo(Statement.class, h2.createStatement()),
        "getConnection");
  }

  /** A statement class of a JDBC 3 driver: none of the JDBC 4, 4.1 and 4.2 methods exist. */
  private static Statement jdbc3Statement(Connection h2) throws SQLException {
    return HandRolled.implement(
        Statement.class,
        HandRolled.forwardingTo(Statement.class, h2.createStatement()),
        "isWrapperFor",
        "unwrap",
        "isClosed",
        "setPoolable",
        "isPoolable",
        "closeOnCompletion",
        "isCloseOnCompletion",
        "getLargeUpdateCount",
        "setLargeMaxRows",
        "getLargeMaxRows",
        "executeLargeBatch",
        "executeLargeUpdate");
  }

  /** A statement wrapper whose connection's class has no getMetaData(). */
  private static Statement statementOfOlderConnection(Connection h2) throws SQLException {
    Connection older =
        HandRolled.implement(
            Connection.class, HandRolled.forwardingTo(Connection.class, h2), "getMetaData");
    return wrapperClaiming(older, h2.createStatement());
  }

  /**
   * A guard in front of the driver that refuses deletes with the application's own exception: the
   * application must catch that very instance.
   */
  private static String refusedDelete(Connection h2) throws SQLException {
    SQLException refusal = new SQLException(REFUSAL, "42501");
    Statement driver = h2.createStatement();
    Statement guarded =
        HandRolled.implement(
            Statement.class,
            (self, method, args) -> {
              if (method.getName().startsWith("execute")
                  && String.valueOf(args[0]).startsWith("DELETE")) {
                throw refusal;
              }
              return HandRolled.forward(Statement.class, driver, method, args);
            });
    try {
      guarded.executeUpdate(REFUSED_SQL);
      return "deleted";
    } catch (SQLException caught) {
      return "caught "
          + (caught == refusal ? "its own" : "another")
          + " exception, SQLState "
          + caught.getSQLState()
          + ": "
          + caught.getMessage();
    }
  }
}
