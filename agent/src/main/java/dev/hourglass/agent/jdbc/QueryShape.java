package dev.hourglass.agent.jdbc;

import dev.hourglass.agent.jdbc.connections.DbEndpoint;
import dev.hourglass.agent.jdbc.sql.SqlShape;
import dev.hourglass.agent.metrics.LatencySeries;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sanitized statement as the recorder uses it: the {@link SqlShape} plus the handles resolved
 * for it, so that executions reach their histogram without building a series key.
 *
 * <p>Thread-safe: the handle slot is replaced as a whole (an immutable pair behind a volatile), so
 * readers see either the old or the new pair, never a mix.
 */
public final class QueryShape {
  /** The last database this shape ran against and its success series; one database is usual. */
  record Handle(DbEndpoint endpoint, LatencySeries series) {}

  public final SqlShape sql;
  final boolean isSelect;
  /** Last time (nanoTime) a slow execution of this shape was logged; rate-limits the log. */
  public final AtomicLong lastSlowLogNanos = new AtomicLong(Long.MIN_VALUE / 2);

  volatile Handle handle;

  QueryShape(SqlShape sql) {
    this.sql = sql;
    this.isSelect = sql.operation().equals("SELECT");
  }

  /** Stands for statements whose SQL the agent never saw (prepared before it started). */
  static final QueryShape UNKNOWN = new QueryShape(new SqlShape("", "", "", false, false));
}
