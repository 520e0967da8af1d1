package dev.hourglass.agent.traces;

import java.util.List;

/**
 * The breakdown of one server request that was slow: what it was, and the JDBC executions and
 * outgoing calls it made, in the order they ended. Immutable.
 *
 * @param reason {@code threshold} (at least {@code hourglass.traces.threshold}) or {@code slowest}
 *     (one of its route's slowest in an interval, above the route's previous p99)
 * @param errorType the request's {@code error.type}, or {@code ""}
 * @param dbCalls every JDBC execution of the request, kept in {@code entries} or not (likewise
 *     the other totals)
 * @param droppedEntries executions and calls beyond {@code hourglass.traces.entries}, not kept
 */
public record Trace(
    long id,
    String reason,
    String method,
    String route,
    int status,
    String errorType,
    long startEpochMillis,
    long totalNanos,
    int dbCalls,
    long dbNanos,
    int clientCalls,
    long clientNanos,
    List<TraceEntry> entries,
    int droppedEntries) {

  /** Time not spent in JDBC executions or synchronous outgoing calls: the application's own. */
  public long ownNanos() {
    return Math.max(0, totalNanos - dbNanos - clientNanos);
  }

  /**
   * One JDBC execution or outgoing call.
   *
   * @param kind {@code jdbc} or {@code http}
   * @param offsetNanos its start, after the request's
   * @param text the sanitized statement (jdbc) or the host (http); never a literal, path or query
   * @param method the HTTP method (http), else null
   * @param port the port (http), else 0
   * @param status the response status (http; 0 without a response), else 0
   * @param error the SQLState class or exception class of a failure, else null
   */
  public record TraceEntry(
      String kind,
      long offsetNanos,
      long durationNanos,
      String text,
      String method,
      int port,
      int status,
      String error) {}
}
