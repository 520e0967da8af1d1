package dev.hourglass.agent.jdbc;

import dev.hourglass.agent.jdbc.connections.DbEndpoint;

/**
 * What the recorder knows about one statement object the application holds: its database and, for
 * prepared and callable statements, its shape (resolved at prepare time, with its series handle).
 *
 * <p>The batch fields follow the statement's own thread confinement: JDBC statements are not
 * meant to be used by two threads at once.
 */
public final class StatementState {
  final DbEndpoint endpoint;
  /** The prepared SQL's shape; null for plain statements, whose SQL comes with each execution. */
  final QueryShape shape;

  /** Statements added since the last executeBatch. */
  int batchSize;
  /** A plain statement's batch is named after its first addBatch(String). */
  QueryShape batchShape;

  StatementState(DbEndpoint endpoint, QueryShape shape) {
    this.endpoint = endpoint;
    this.shape = shape;
  }
}
