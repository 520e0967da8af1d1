package dev.hourglass.agent.jdbc.connections;

import dev.hourglass.agent.metrics.GaugeInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.snapshot.AttributeKeys;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.function.DoubleSupplier;

/**
 * HikariCP pool gauges, read through Hikari's own public API by reflection (no JMX needed): {@code
 * db.client.connection.count} by state ({@code used}, {@code idle}), {@code
 * db.client.connection.pending_requests} and {@code db.client.connection.max}, per pool name.
 *
 * <p>Thread-safe. Registration happens once per pool, on the first connection obtained from it;
 * the values are read on the interval clock's thread. The data source is held weakly: once the
 * application drops it, its gauges report nothing and are evicted.
 */
public final class PoolGauges {
  static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

  private final GaugeInstrument count;
  private final GaugeInstrument pending;
  private final GaugeInstrument max;

  PoolGauges(MetricRegistry registry) {
    this.count =
        registry.gauge(
            "db.client.connection.count",
            "Connections of the pool by state (HikariCP)",
            "{connection}",
            AttributeKeys.DB_CONNECTION_POOL_NAME,
            AttributeKeys.DB_CONNECTION_STATE);
    this.pending =
        registry.gauge(
            "db.client.connection.pending_requests",
            "Threads waiting for a connection from the pool (HikariCP)",
            "{request}",
            AttributeKeys.DB_CONNECTION_POOL_NAME);
    this.max =
        registry.gauge(
            "db.client.connection.max",
            "Largest number of connections the pool allows (HikariCP)",
            "{connection}",
            AttributeKeys.DB_CONNECTION_POOL_NAME);
  }

  static boolean isHikari(Object dataSource) {
    for (Class<?> type = dataSource.getClass(); type != null; type = type.getSuperclass()) {
      if (type.getName().equals(HIKARI)) {
        return true;
      }
    }
    return false;
  }

  /** Registers the gauges of a started Hikari pool; returns false if it is not readable (yet). */
  boolean register(Object dataSource, String poolName) {
    try {
      Class<?> type = dataSource.getClass();
      Method poolBean = type.getMethod("getHikariPoolMXBean");
      Method maxSize = type.getMethod("getMaximumPoolSize");
      Object bean = poolBean.invoke(dataSource);
      if (bean == null) {
        return false;
      }
      Class<?> beanType =
          Class.forName("com.zaxxer.hikari.HikariPoolMXBean", false, type.getClassLoader());
      WeakReference<Object> source = new WeakReference<>(dataSource);
      count.series(poolName, "used").track(read(source, poolBean, beanType.getMethod("getActiveConnections")));
      count.series(poolName, "idle").track(read(source, poolBean, beanType.getMethod("getIdleConnections")));
      pending
          .series(poolName)
          .track(read(source, poolBean, beanType.getMethod("getThreadsAwaitingConnection")));
      max.series(poolName).track(read(source, null, maxSize));
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      AgentLog.warnOnce(
          "hikari-gauges", "cannot read HikariCP pool " + poolName + ": " + AgentLog.describe(e));
      return false;
    }
  }

  /** Reads {@code value} from the pool bean (or, if {@code poolBean} is null, the data source). */
  private static DoubleSupplier read(WeakReference<Object> source, Method poolBean, Method value) {
    return () -> {
      Object dataSource = source.get();
      if (dataSource == null) {
        return Double.NaN;
      }
      try {
        Object target = poolBean == null ? dataSource : poolBean.invoke(dataSource);
        return target == null ? Double.NaN : ((Number) value.invoke(target)).doubleValue();
      } catch (ReflectiveOperationException | RuntimeException e) {
        return Double.NaN;
      }
    };
  }
}
