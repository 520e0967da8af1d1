package dev.hourglass.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.JdbcCalls;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Connections and statements written by the application (pool proxies, wrappers) that misbehave
 * when the recorder asks them for their database: the recorder calls them at most once per object,
 * never recursively, counts each fault as an advice error and still records the execution.
 */
class HostileConnectionsTest {
  private static final long MS = 1_000_000;
  private static final String H2_URL = "jdbc:h2:mem:hostile";

  private final MetricRegistry registry = new MetricRegistry(1000, 30);
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          registry,
          new JdbcSettings(false, 2000, 100, 1_000 * MS, 5, false, 0, false, 10, 60_000 * MS));

  @Test
  void aMetadataReadThatCreatesStatementsOnItsOwnConnectionIsReadOnce() {
    AtomicInteger metadataReads = new AtomicInteger();
    Connection[] self = new Connection[1];
    // What the woven createStatement() of the wrapper reports while getMetaData() runs.
    self[0] =
        connection(
            () -> {
              if (metadataReads.incrementAndGet() > 50) {
                throw new AssertionError("getMetaData() re-entered: the recorder recurses");
              }
              recorder.onStatementCreated(self[0], null, new Object(), false);
              return metadata(H2_URL);
            });

    recorder.onStatementCreated(self[0], "SELECT 1", new Object(), true);

    assertThat(metadataReads).hasValue(1);
  }

  @Test
  void aMetadataReadThatThrowsIsCountedOncePerConnectionAndTheExecutionStillRecorded() {
    Connection broken =
        connection(
            () -> {
              throw new SQLException("metadata is not available through this proxy");
            });
    Object statement = new Object();
    long faultsBefore = AdviceErrors.count();

    recorder.onStatementCreated(broken, "SELECT name FROM owners", statement, true);
    recorder.onStatementCreated(broken, "SELECT name FROM owners", new Object(), true);
    recorder.onExecuted(null, statement, null, JdbcCalls.PREPARED, 3 * MS, null);

    assertThat(AdviceErrors.count() - faultsBefore).isEqualTo(1);
    assertThat(recorded("SELECT name FROM owners")).containsExactly("other_sql");
  }

  @Test
  void aStatementWhoseGetConnectionReturnsNullIsRecordedWithoutAFault() {
    long faultsBefore = AdviceErrors.count();

    recorder.onExecuted(null, statement(() -> null), "SELECT 2", JdbcCalls.PLAIN, MS, null);

    assertThat(AdviceErrors.count() - faultsBefore).isZero();
    assertThat(recorded("SELECT ?")).containsExactly("other_sql");
  }

  @Test
  void aStatementWhoseGetConnectionThrowsIsCountedOnceAndRecorded() {
    Statement statement =
        statement(
            () -> {
              throw new AbstractMethodError("compiled against an older java.sql.Statement");
            });
    long faultsBefore = AdviceErrors.count();

    recorder.onExecuted(null, statement, "DELETE FROM pets", JdbcCalls.PLAIN, MS, null);
    recorder.onExecuted(null, statement, "DELETE FROM pets", JdbcCalls.PLAIN, MS, null);

    assertThat(AdviceErrors.count() - faultsBefore).isEqualTo(1);
    assertThat(recorded("DELETE FROM pets")).containsExactly("other_sql", "other_sql");
  }

  /** The db.system.name of each execution recorded with this db.query.text. */
  private List<String> recorded(String queryText) {
    return registry.collect(1, 0, 1).latencies().stream()
        .filter(point -> point.instrument().name().equals(MetricNames.DB_CLIENT_OPERATION_DURATION))
        .filter(point -> point.attributeValues().get(2).equals(queryText))
        .flatMap(point -> systemPerExecution(point).stream())
        .toList();
  }

  private static List<String> systemPerExecution(LatencyPoint point) {
    return java.util.Collections.nCopies(
        (int) point.interval().getTotalCount(), point.attributeValues().get(0));
  }

  private interface MetadataSource {
    DatabaseMetaData get() throws SQLException;
  }

  private interface ConnectionSource {
    Connection get() throws SQLException;
  }

  private static Connection connection(MetadataSource metadata) {
    return (Connection)
        Proxy.newProxyInstance(
            HostileConnectionsTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getMetaData")) {
                return metadata.get();
              }
              return Object.class.equals(method.getDeclaringClass())
                  ? identity(proxy, method, args)
                  : null;
            });
  }

  private static Statement statement(ConnectionSource connection) {
    return (Statement)
        Proxy.newProxyInstance(
            HostileConnectionsTest.class.getClassLoader(),
            new Class<?>[] {Statement.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return connection.get();
              }
              return Object.class.equals(method.getDeclaringClass())
                  ? identity(proxy, method, args)
                  : null;
            });
  }

  private static DatabaseMetaData metadata(String url) {
    return (DatabaseMetaData)
        Proxy.newProxyInstance(
            HostileConnectionsTest.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class},
            (proxy, method, args) -> method.getName().equals("getURL") ? url : null);
  }

  /** equals, hashCode and toString of a proxy: by identity, as the weak identity maps expect. */
  private static Object identity(Object proxy, java.lang.reflect.Method method, Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "proxy@" + Integer.toHexString(System.identityHashCode(proxy));
    }
  }
}
