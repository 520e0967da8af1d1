package dev.hourglass.agent.jdbc.connections;

import dev.hourglass.agent.util.WeakIdentityMap;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.ConnectionSlot;
import java.sql.Connection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link DbEndpoint} of each connection, read once per connection object from its metadata URL
 * and remembered in the {@link ConnectionSlot} woven into its class (or, for a class without one,
 * weakly in a map). Endpoints are shared per URL, so a shape's cached series handle matches
 * every connection to the same database.
 *
 * <p>A connection whose metadata cannot be read (its {@code getMetaData()} throws, or the class
 * predates the method) is {@link DbEndpoint#UNKNOWN}: the fault is counted as an advice error and
 * said once per connection class.
 *
 * <p>Thread-safe. A known connection costs a field read (a lock-free weak-map probe without a
 * slot), allocation-free.
 */
public final class ConnectionEndpoints {
  /** Distinct URLs remembered; a pool of per-tenant databases beyond this still works, uncached. */
  private static final int MAX_URLS = 256;

  /**
   * Set while this thread reads a connection's metadata. The read runs the application's code (a
   * wrapper's {@code getMetaData} may create statements on itself), and each woven creation asks
   * for the endpoint again: without this, that is a recursion until the stack overflows.
   */
  private static final ThreadLocal<boolean[]> RESOLVING = ThreadLocal.withInitial(() -> new boolean[1]);

  private final WeakIdentityMap<Object, DbEndpoint> byConnection = new WeakIdentityMap<>(null);
  private final ConcurrentHashMap<String, DbEndpoint> byUrl = new ConcurrentHashMap<>();

  public DbEndpoint of(Object connection) {
    if (connection == null) {
      return DbEndpoint.UNKNOWN; // e.g. a statement wrapper whose getConnection() returns null
    }
    DbEndpoint known =
        connection instanceof ConnectionSlot
            ? (DbEndpoint) ((ConnectionSlot) connection).hourglass$connectionState()
            : byConnection.get(connection);
    if (known != null) {
      return known;
    }
    boolean[] resolving = RESOLVING.get();
    if (resolving[0]) {
      return DbEndpoint.UNKNOWN; // asked from inside a metadata read: the outer read decides
    }
    resolving[0] = true;
    DbEndpoint endpoint;
    try {
      endpoint = resolve(connection);
    } finally {
      resolving[0] = false;
    }
    if (connection instanceof ConnectionSlot) {
      ((ConnectionSlot) connection).hourglass$connectionState(endpoint);
    } else {
      byConnection.put(connection, endpoint);
    }
    return endpoint;
  }

  private DbEndpoint resolve(Object connection) {
    // The driver's own work here (some read metadata with queries) is not the application's:
    // inside this depth no JDBC call of this thread is timed or resolved again.
    CallDepth.enter(CallDepth.JDBC);
    try {
      String url = ((Connection) connection).getMetaData().getURL();
      if (url == null) {
        return DbEndpoint.UNKNOWN;
      }
      DbEndpoint known = byUrl.get(url);
      if (known != null) {
        return known;
      }
      DbEndpoint parsed = DbEndpoint.fromUrl(url);
      if (byUrl.size() < MAX_URLS) {
        DbEndpoint raced = byUrl.putIfAbsent(url, parsed);
        return raced != null ? raced : parsed;
      }
      return parsed;
    } catch (Throwable e) {
      AdviceErrors.record(e);
      AgentLog.warnOnce(
          "jdbc-url-" + connection.getClass().getName(),
          "cannot read the database URL of "
              + connection.getClass().getName()
              + "; its statements are reported as other_sql: "
              + e.getClass().getName());
      return DbEndpoint.UNKNOWN;
    } finally {
      CallDepth.exit(CallDepth.JDBC);
    }
  }
}
