package dev.hourglass.agent.jdbc.findings;

import dev.hourglass.agent.jdbc.OperationMetrics;
import dev.hourglass.agent.jdbc.QueryShape;
import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder.RequestEndListener;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.snapshot.AttributeKeys;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At the end of each server request: records the time it spent in the database and how many
 * statements it ran (per route), reports its N+1 patterns — a SELECT shape run at least {@code
 * threshold} times in the one request — and publishes its slow executions with the route.
 *
 * <p>One N+1 finding per request and shape: counted in {@code hourglass.db.n_plus_one}, stored in
 * {@link QueryFindings}, and logged at most once per route and shape per log interval.
 *
 * <p>Thread-safe: runs on whichever thread ends a request. Requests without database calls cost
 * one field read; others allocate nothing unless they have a finding.
 */
public final class RequestDatabaseRecorder implements RequestEndListener {
  /** Route-and-shape pairs whose log time is remembered; past this, the map starts over. */
  private static final int MAX_LOGGED_PATTERNS = 1000;

  private final int threshold;
  private final long logIntervalNanos;
  private final OperationMetrics metrics;
  private final SlowQueries slowQueries;
  private final QueryFindings findings;
  private final LatencyInstrument dbTime;
  private final CounterInstrument dbCalls;
  private final CounterInstrument nPlusOne;
  private final ConcurrentHashMap<String, Long> lastLogged = new ConcurrentHashMap<>();

  public RequestDatabaseRecorder(
      MetricRegistry registry,
      OperationMetrics metrics,
      SlowQueries slowQueries,
      QueryFindings findings,
      int threshold,
      long logIntervalNanos) {
    this.metrics = metrics;
    this.slowQueries = slowQueries;
    this.findings = findings;
    this.threshold = threshold;
    this.logIntervalNanos = logIntervalNanos;
    this.dbTime =
        registry.latency(
            "hourglass.http.server.db.duration",
            "Time one server request spent in JDBC executions, per route (requests with at least"
                + " one execution)",
            AttributeKeys.HTTP_ROUTE);
    this.dbCalls =
        registry.counter(
            "hourglass.http.server.db.calls",
            "JDBC executions made by server requests, per route; divide by the count of"
                + " hourglass.http.server.db.duration for calls per request",
            "{execution}",
            AttributeKeys.HTTP_ROUTE);
    this.nPlusOne =
        registry.counter(
            "hourglass.db.n_plus_one",
            "Requests that ran one SELECT shape at least hourglass.jdbc.nplusone.threshold times",
            "{request}",
            AttributeKeys.HTTP_ROUTE,
            metrics.queryAttribute());
  }

  @Override
  public void onRequestEnd(RequestContext context, String route, long durationNanos) {
    if (context.dbCalls == 0) {
      return;
    }
    dbTime.series(route).recordNanos(context.dbNanos);
    dbCalls.series(route).add(context.dbCalls);
    Object state = context.agentState;
    if (!(state instanceof RequestQueries)) {
      return;
    }
    RequestQueries tally = (RequestQueries) state;
    context.agentState = null;
    for (int i = 0; i < tally.size(); i++) {
      if (tally.count(i) >= threshold) {
        report(route, tally.shape(i), tally.count(i), tally.nanos(i));
      }
    }
    slowQueries.publishWithRoute(tally, route);
    tally.recycle();
  }

  private void report(String route, QueryShape shape, int executions, long nanos) {
    String query = metrics.query(shape);
    nPlusOne.series(route, query).increment();
    long requests =
        findings.addNPlusOne(route, query, executions, nanos, System.currentTimeMillis());
    if (mayLog(route + '\n' + query)) {
      AgentLog.warn(
          new JsonLine()
              .field("event", "db.n_plus_one")
              .field("http.route", route)
              .field(metrics.queryAttribute().name(), query)
              .field("executions", executions)
              .field("total_ms", nanos / 1e6)
              .field("requests_so_far", requests)
              .toString());
    }
  }

  private boolean mayLog(String pattern) {
    long now = System.nanoTime();
    Long last = lastLogged.get(pattern);
    if (last != null && now - last < logIntervalNanos) {
      return false;
    }
    if (lastLogged.size() >= MAX_LOGGED_PATTERNS) {
      lastLogged.clear();
    }
    return last == null
        ? lastLogged.putIfAbsent(pattern, now) == null
        : lastLogged.replace(pattern, last, now);
  }
}
