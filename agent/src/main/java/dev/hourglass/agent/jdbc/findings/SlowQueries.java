package dev.hourglass.agent.jdbc.findings;

import dev.hourglass.agent.jdbc.OperationMetrics;
import dev.hourglass.agent.jdbc.QueryShape;
import dev.hourglass.agent.jdbc.connections.DbEndpoint;
import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.util.AppFrames;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.snapshot.AttributeKeys;

/**
 * Executions over the slow threshold: counted in {@code hourglass.db.slow.queries}, kept in {@link
 * QueryFindings}, and logged as one JSON line, at most once per SQL shape per log interval. Inside
 * a server request the report waits for the request's end, when its route is known.
 *
 * <p>Thread-safe. Under the threshold {@link #check} is one comparison; over it, it allocates (the
 * stack walk and the report), which is fine for executions that took half a second.
 */
public final class SlowQueries {
  private final long thresholdNanos;
  private final long logIntervalNanos;
  private final QueryFindings findings;
  private final CounterInstrument count;
  private final OperationMetrics metrics;

  public SlowQueries(
      MetricRegistry registry,
      OperationMetrics metrics,
      QueryFindings findings,
      long thresholdNanos,
      long logIntervalNanos) {
    this.metrics = metrics;
    this.findings = findings;
    this.thresholdNanos = thresholdNanos;
    this.logIntervalNanos = logIntervalNanos;
    this.count =
        registry.counter(
            "hourglass.db.slow.queries",
            "Executions slower than hourglass.jdbc.slow.threshold",
            "{execution}",
            AttributeKeys.DB_SYSTEM_NAME,
            AttributeKeys.DB_OPERATION_NAME,
            metrics.queryAttribute());
  }

  /** A slow execution waiting for its request to end, and whether it won the right to be logged. */
  record Pending(QueryFindings.SlowQuery query, boolean log) {}

  /** Reports the execution if it was slow; a request's slow executions wait in its tally. */
  public void check(RequestQueries tally, DbEndpoint endpoint, QueryShape shape, long nanos) {
    if (nanos < thresholdNanos) {
      return;
    }
    String query = metrics.query(shape);
    count.series(endpoint.system(), shape.sql.operation(), query).increment();
    QueryFindings.SlowQuery slow =
        new QueryFindings.SlowQuery(
            System.currentTimeMillis(),
            "",
            endpoint.system(),
            shape.sql.operation(),
            query,
            nanos,
            AppFrames.firstApplicationFrame());
    boolean log = mayLog(shape);
    if (tally != null) {
      tally.addSlow(new Pending(slow, log));
    } else {
      publish(slow, log);
    }
  }

  /** Publishes a finished request's slow executions with the request's route. */
  void publishWithRoute(RequestQueries tally, String route) {
    for (Pending pending : tally.slow()) {
      QueryFindings.SlowQuery slow = pending.query();
      publish(
          new QueryFindings.SlowQuery(
              slow.epochMillis(),
              route,
              slow.system(),
              slow.operation(),
              slow.query(),
              slow.durationNanos(),
              slow.frame()),
          pending.log());
    }
  }

  private void publish(QueryFindings.SlowQuery slow, boolean log) {
    findings.addSlow(slow);
    if (log) {
      AgentLog.warn(
          new JsonLine()
              .field("event", "db.slow_query")
              .field("db.system.name", slow.system())
              .field("db.operation.name", slow.operation())
              .field(metrics.queryAttribute().name(), slow.query())
              .field("duration_ms", slow.durationNanos() / 1e6)
              .field("http.route", slow.route())
              .field("code.frame", slow.frame())
              .toString());
    }
  }

  /** Once per shape per interval; the winner of a race logs, the others only count. */
  private boolean mayLog(QueryShape shape) {
    long now = System.nanoTime();
    long last = shape.lastSlowLogNanos.get();
    return now - last >= logIntervalNanos && shape.lastSlowLogNanos.compareAndSet(last, now);
  }
}
