package dev.hourglass.agent.jdbc.connections;

import dev.hourglass.agent.jdbc.sql.SqlStates;
import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.LatencySeries;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.util.AppFrames;
import dev.hourglass.agent.util.WeakIdentityMap;
import dev.hourglass.bootstrap.DataSourceSlot;
import dev.hourglass.snapshot.AttributeKeys;
import java.lang.reflect.Method;

/**
 * What happens when the application asks a {@code DataSource} for a connection: the time it waited
 * ({@code db.client.connection.wait_time}, per pool), HikariCP pool gauges on first sight of a
 * pool, and the borrow handed to the {@link LeakDetector} (when on).
 *
 * <p>The first borrow from each data source walks the top of the stack to tell a data source the
 * application borrows from from one a pool fills itself from (a driver's {@code DataSource} under
 * a pool: neither a wait nor a leak). What is known of a data source is kept in the {@link
 * DataSourceSlot} woven into its class (in a weak map for a class without one). Borrows are then
 * handed to the {@link LeakDetector}.
 *
 * <p>Thread-safe.
 */
public final class ConnectionTracker {
  /**
   * What the tracker knows about one data source. Immutable. {@code waitSeries} is null for a data
   * source a pool fills itself from (a driver's, under HikariCP): its connections are the pool's.
   */
  private record Pool(String name, LatencySeries waitSeries) {
    boolean fillsAPool() {
      return waitSeries == null;
    }
  }

  private final LatencyInstrument waitTime;
  private final PoolGauges gauges;
  private final LeakDetector leaks; // null when leak detection is off
  private final WeakIdentityMap<Object, Pool> pools = new WeakIdentityMap<>(null);
  /**
   * False until every JDBC class already loaded has been woven. Before that a borrow may be seen
   * while its {@code close} is not yet instrumented, which would later look like a leak.
   */
  private volatile boolean trackLeaks;

  public ConnectionTracker(MetricRegistry registry, LeakDetector leaks) {
    this.leaks = leaks;
    this.gauges = new PoolGauges(registry);
    this.waitTime =
        registry.latency(
            "db.client.connection.wait_time",
            "Time to obtain a connection from a DataSource (a pool's wait, or a driver's connect)",
            AttributeKeys.DB_CONNECTION_POOL_NAME,
            AttributeKeys.ERROR_TYPE);
  }

  /** A borrow that ended at {@code endNanos} after {@code nanos}. */
  public void obtained(
      Object dataSource, Object connection, long endNanos, long nanos, Throwable thrown) {
    Pool pool = pool(dataSource);
    if (pool.fillsAPool()) {
      return;
    }
    if (thrown != null) {
      waitTime.series(pool.name(), SqlStates.errorType(thrown)).recordNanos(nanos);
      return;
    }
    pool.waitSeries().recordNanos(nanos);
    if (leaks != null && trackLeaks && connection != null) {
      leaks.borrowed(connection, pool.name(), endNanos);
    }
  }

  public void weavingComplete() {
    trackLeaks = true;
  }

  public void closed(Object connection) {
    if (leaks != null) {
      leaks.returned(connection);
    }
  }

  private Pool pool(Object dataSource) {
    Pool known =
        dataSource instanceof DataSourceSlot
            ? (Pool) ((DataSourceSlot) dataSource).hourglass$dataSourceState()
            : pools.get(dataSource);
    if (known != null) {
      return known;
    }
    String name = poolName(dataSource);
    // A data source's callers are either always a pool's code or always the application's, so the
    // stack is looked at once per data source, not per borrow.
    Pool pool = new Pool(name, AppFrames.calledByPool() ? null : waitTime.series(name, ""));
    if (PoolGauges.isHikari(dataSource) && !gauges.register(dataSource, name)) {
      return pool; // not started yet: try again on the next borrow
    }
    if (dataSource instanceof DataSourceSlot) {
      ((DataSourceSlot) dataSource).hourglass$dataSourceState(pool);
    } else {
      pools.put(dataSource, pool);
    }
    return pool;
  }

  /** Hikari's pool name ("HikariPool-1" unless configured), else the data source's class name. */
  private static String poolName(Object dataSource) {
    if (PoolGauges.isHikari(dataSource)) {
      try {
        Method getter = dataSource.getClass().getMethod("getPoolName");
        Object name = getter.invoke(dataSource);
        if (name instanceof String && !((String) name).isEmpty()) {
          return (String) name;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // fall back to the class name
      }
    }
    return dataSource.getClass().getSimpleName();
  }
}
