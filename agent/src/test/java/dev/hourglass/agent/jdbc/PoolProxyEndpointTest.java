package dev.hourglass.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.metrics.MetricRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A pool proxy's statement takes the database of the driver's connection under it, read once per
 * physical connection, although the proxy connection is new for every borrow and, as HikariCP's
 * proxy classes do, calls its super class's woven method on the way to the driver.
 */
class PoolProxyEndpointTest {
  private static final long MS = 1_000_000;
  private static final String SQL = "SELECT name FROM owners WHERE id = ?";

  private final JdbcRecorder recorder =
      new JdbcRecorder(
          new MetricRegistry(1000, 30),
          new JdbcSettings(false, 2000, 100, 1_000 * MS, 5, false, 0, false, 10, 60_000 * MS));
  private final AtomicInteger physicalReads = new AtomicInteger();
  private final AtomicInteger proxyReads = new AtomicInteger();

  @Test
  void theDriverConnectionsDatabaseIsReadOnceAndNoProxyConnectionsEver() {
    Connection physical = connection(physicalReads);
    for (int borrow = 0; borrow < 3; borrow++) {
      Connection proxy = connection(proxyReads);
      // Exits run innermost first: the driver's, the proxy's super class's, the proxy class's.
      recorder.onStatementCreated(physical, SQL, new Object(), false);
      recorder.onStatementCreated(proxy, SQL, new Object(), false);
      recorder.onStatementCreated(proxy, SQL, new Object(), true);
      recorder.onStatementCreated(physical, null, new Object(), false);
      recorder.onStatementCreated(proxy, null, new Object(), false);
      recorder.onStatementCreated(proxy, null, new Object(), true);
    }

    assertThat(physicalReads).hasValue(1);
    assertThat(proxyReads).hasValue(0);
  }

  @Test
  void anOutermostCreationThatThrewLeavesNothingForTheNextOne() {
    Connection physical = connection(physicalReads);
    Connection other = connection(proxyReads);
    recorder.onStatementCreated(physical, SQL, new Object(), false);
    recorder.onStatementCreated(physical, SQL, null, true); // the proxy threw after the driver

    recorder.onStatementCreated(other, SQL, new Object(), true);

    assertThat(proxyReads).as("the next statement's own connection is read").hasValue(1);
  }

  private static Connection connection(AtomicInteger metadataReads) {
    DatabaseMetaData metaData =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                PoolProxyEndpointTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) ->
                    method.getName().equals("getURL") ? "jdbc:h2:mem:proxied" : null);
    return (Connection)
        Proxy.newProxyInstance(
            PoolProxyEndpointTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getMetaData" -> {
                    metadataReads.incrementAndGet();
                    yield metaData;
                  }
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> null;
                });
  }
}
