package dev.hourglass.agent.jdbc;

import dev.hourglass.agent.jdbc.connections.DbEndpoint;
import dev.hourglass.agent.metrics.LatencySeries;

/**
 * What the recorder knows about a statement the application holds: its database and, for prepared
 * and callable statements, its shape (resolved at prepare time) with the shape's success series on
 * that database.
 *
 * <p>One shared, immutable instance serves every statement of the same shape and database (cached
 * on the {@link QueryShape}; plain statements share one per database), so preparing a statement
 * allocates nothing. A statement that batches gets its own copy on its first {@code addBatch}, as
 * the batch fields are per statement; they follow the statement's own thread confinement (JDBC
 * statements are not meant to be used by two threads at once).
 */
public final class StatementState {
  final DbEndpoint endpoint;
  /** The prepared SQL's shape; null for plain statements, whose SQL comes with each execution. */
  final QueryShape shape;
  /** The shape's series for successful executions on {@link #endpoint}; null without a shape. */
  final LatencySeries successSeries;

  private final boolean shared;
  /** Statements added since the last executeBatch; only ever changed on a batching copy. */
  int batchSize;
  /** A plain statement's batch is named after its first addBatch(String). */
  QueryShape batchShape;

  private StatementState(
      DbEndpoint endpoint, QueryShape shape, LatencySeries successSeries, boolean shared) {
    this.endpoint = endpoint;
    this.shape = shape;
    this.successSeries = successSeries;
    this.shared = shared;
  }

  /** The state shared by the statements of {@code shape} (null for plain ones) on a database. */
  static StatementState shared(DbEndpoint endpoint, QueryShape shape, LatencySeries successSeries) {
    return new StatementState(endpoint, shape, successSeries, true);
  }

  /** This state, or a copy of one's own for a statement that starts a batch. */
  StatementState forBatching() {
    return shared ? new StatementState(endpoint, shape, successSeries, false) : this;
  }

  /** Starts the next batch; a shared state never held one. */
  void batchExecuted() {
    if (!shared) {
      batchSize = 0;
      batchShape = null;
    }
  }
}
