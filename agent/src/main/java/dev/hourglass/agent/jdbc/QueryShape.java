package dev.hourglass.agent.jdbc;

import dev.hourglass.agent.jdbc.sql.SqlShape;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sanitized statement as the recorder uses it: the {@link SqlShape} plus the statement state
 * resolved for it, so that executions reach their histogram without building a series key.
 *
 * <p>Thread-safe: the state is replaced as a whole (an immutable object behind a volatile), so
 * readers see either the old or the new one, never a mix.
 */
public final class QueryShape {
  public final SqlShape sql;
  final boolean isSelect;
  /** Last time (nanoTime) a slow execution of this shape was logged; rate-limits the log. */
  public final AtomicLong lastSlowLogNanos = new AtomicLong(Long.MIN_VALUE / 2);

  /**
   * The shared state of this shape's statements on the last database it ran against, with its
   * success series; one database is usual.
   */
  volatile StatementState onLastEndpoint;

  QueryShape(SqlShape sql) {
    this.sql = sql;
    this.isSelect = sql.operation().equals("SELECT");
  }

  /** Stands for statements whose SQL the agent never saw (prepared before it started). */
  static final QueryShape UNKNOWN = new QueryShape(new SqlShape("", "", "", false, false));
}
