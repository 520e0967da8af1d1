package dev.hourglass.agent.jdbc;

import dev.hourglass.agent.jdbc.connections.DbEndpoint;
import dev.hourglass.agent.jdbc.sql.SqlStates;
import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.LatencySeries;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.snapshot.AttributeKey;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.MetricNames;

/**
 * Records executions into {@code db.client.operation.duration}. A successful execution reaches its
 * series through the {@link StatementState} cached on its {@link QueryShape}, without building a
 * key: no allocation. Failures and batches resolve their series per call (they allocate the key).
 *
 * <p>Thread-safe: called concurrently from application threads.
 */
public final class OperationMetrics {
  private final LatencyInstrument duration;
  private final CounterInstrument batchStatements;
  private final boolean summaryOnly;

  /** @param summaryOnly export {@code db.query.summary} ("SELECT owners") instead of the text */
  OperationMetrics(MetricRegistry registry, boolean summaryOnly) {
    this.summaryOnly = summaryOnly;
    AttributeKey query = queryAttribute();
    this.duration =
        registry.latency(
            MetricNames.DB_CLIENT_OPERATION_DURATION,
            "Duration of database client operations (JDBC executions), by sanitized statement",
            AttributeKeys.DB_SYSTEM_NAME,
            AttributeKeys.DB_OPERATION_NAME,
            query,
            AttributeKeys.DB_COLLECTION_NAME,
            AttributeKeys.SERVER_ADDRESS,
            AttributeKeys.SERVER_PORT,
            AttributeKeys.ERROR_TYPE);
    this.batchStatements =
        registry.counter(
            "db.client.operation.batch.statements",
            "Statements sent in JDBC batches (executeBatch), by sanitized statement",
            "{statement}",
            AttributeKeys.DB_SYSTEM_NAME,
            query);
  }

  /** {@code db.query.text} or {@code db.query.summary}. */
  public AttributeKey queryAttribute() {
    return summaryOnly ? AttributeKeys.DB_QUERY_SUMMARY : AttributeKeys.DB_QUERY_TEXT;
  }

  /** The attribute value that stands for the statement: sanitized text or summary. */
  public String query(QueryShape shape) {
    return summaryOnly ? shape.sql.summary() : shape.sql.text();
  }

  void record(DbEndpoint endpoint, QueryShape shape, long nanos, Throwable thrown) {
    if (thrown == null) {
      preparedState(endpoint, shape).successSeries.recordNanos(nanos);
    } else {
      series(endpoint, shape, shape.sql.operation(), SqlStates.errorType(thrown)).recordNanos(nanos);
    }
  }

  /** An execution of a prepared statement: a success goes to its state's series. */
  void record(StatementState state, long nanos, Throwable thrown) {
    if (thrown == null) {
      state.successSeries.recordNanos(nanos);
    } else {
      record(state.endpoint, state.shape, nanos, thrown);
    }
  }

  /** Batches are named {@code BATCH <operation>}, as the semantic conventions ask. */
  void recordBatch(DbEndpoint endpoint, QueryShape shape, int size, long nanos, Throwable thrown) {
    String operation = "BATCH " + shape.sql.operation();
    String error = thrown == null ? "" : SqlStates.errorType(thrown);
    series(endpoint, shape, operation.trim(), error).recordNanos(nanos);
    if (size > 0) {
      batchStatements.series(endpoint.system(), query(shape)).add(size);
    }
  }

  /**
   * The state shared by the statements of {@code shape} on {@code endpoint}, with the success
   * series resolved once per shape and database; cached on the shape.
   */
  StatementState preparedState(DbEndpoint endpoint, QueryShape shape) {
    StatementState known = shape.onLastEndpoint;
    if (known != null && known.endpoint == endpoint) {
      return known;
    }
    StatementState state =
        StatementState.shared(endpoint, shape, series(endpoint, shape, shape.sql.operation(), ""));
    shape.onLastEndpoint = state;
    return state;
  }

  private LatencySeries series(
      DbEndpoint endpoint, QueryShape shape, String operation, String errorType) {
    return duration.seriesOf(
        endpoint.system(),
        operation,
        query(shape),
        shape.sql.table(),
        endpoint.address(),
        endpoint.port(),
        errorType);
  }
}
