package dev.hourglass.agent.servlet;

import dev.hourglass.agent.http.HttpMethods;
import dev.hourglass.agent.http.StatusCodes;
import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.bootstrap.ServerRequests;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.MetricNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Records finished server requests into {@code http.server.request.duration}, by method, route,
 * status and error type. Runs on application threads: allocation-free for known series.
 *
 * <p>Other families hook in through {@link RequestEndListener}s (for example the database family,
 * to find N+1 queries and time spent in the database per route).
 */
public final class ServerRequestRecorder implements ServerRequests.Listener {
  /** Told about every finished request, on the thread that finished it. Must not throw or block. */
  public interface RequestEndListener {
    void onRequestEnd(RequestContext context, String route, long durationNanos);
  }

  /**
   * Told about every finished request with its outcome (slow-request capture, the error inbox), on
   * the thread that finished it, after the {@link RequestEndListener}s. Must not throw or block.
   */
  public interface RequestOutcomeListener {
    void onRequestEnd(
        RequestContext context,
        String method,
        String route,
        int status,
        String errorType,
        long durationNanos);
  }

  private final LatencyInstrument duration;
  private final List<RequestEndListener> listeners = new ArrayList<>();
  private final List<RequestOutcomeListener> outcomeListeners = new ArrayList<>();

  public ServerRequestRecorder(MetricRegistry registry) {
    this.duration =
        registry.latency(
            MetricNames.HTTP_SERVER_REQUEST_DURATION,
            "Duration of HTTP server requests",
            AttributeKeys.HTTP_REQUEST_METHOD,
            AttributeKeys.HTTP_ROUTE,
            AttributeKeys.HTTP_RESPONSE_STATUS_CODE,
            AttributeKeys.ERROR_TYPE);
  }

  /** Adds a listener; call before {@link ServerRequests#install} (not thread-safe). */
  public void addListener(RequestEndListener listener) {
    listeners.add(listener);
  }

  /** Adds an outcome listener; call before {@link ServerRequests#install} (not thread-safe). */
  public void addOutcomeListener(RequestOutcomeListener listener) {
    outcomeListeners.add(listener);
  }

  @Override
  public void onRequestEnd(
      RequestContext context,
      String method,
      String route,
      int status,
      String errorType,
      long endNanos) {
    long nanos = endNanos - context.startNanos;
    String error = errorType != null ? errorType : (status >= 500 ? StatusCodes.text(status) : "");
    duration
        .series(HttpMethods.canonical(method), route, StatusCodes.text(status), error)
        .recordNanos(nanos);
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).onRequestEnd(context, route, nanos);
    }
    for (int i = 0; i < outcomeListeners.size(); i++) {
      outcomeListeners.get(i).onRequestEnd(context, method, route, status, error, nanos);
    }
  }
}
