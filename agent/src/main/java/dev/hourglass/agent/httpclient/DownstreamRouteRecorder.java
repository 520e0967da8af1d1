package dev.hourglass.agent.httpclient;

import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.LatencyInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.snapshot.AttributeKeys;

/**
 * Links outgoing calls to the server route that made them: at the end of each server request that
 * made at least one call, adds its calls to {@value #CALLS} and records the time it spent blocked in
 * synchronous calls into {@value #TIME}, both by {@code http.route}. Async calls count as calls but
 * add no time (they run alongside the request). Requests that made no call record nothing, so
 * routes without downstream dependencies create no series.
 *
 * <p>Runs on the thread that ends the request; thread-safe and allocation-free for known routes.
 */
public final class DownstreamRouteRecorder implements ServerRequestRecorder.RequestEndListener {
  static final String CALLS = "hourglass.http.route.client.calls";
  static final String TIME = "hourglass.http.route.client.duration";

  private final CounterInstrument calls;
  private final LatencyInstrument time;

  public DownstreamRouteRecorder(MetricRegistry registry) {
    this.calls =
        registry.counter(
            CALLS, "Outgoing HTTP calls made while serving requests of the route", "{call}", AttributeKeys.HTTP_ROUTE);
    this.time =
        registry.latency(
            TIME,
            "Per server request: time spent in outgoing synchronous HTTP calls",
            AttributeKeys.HTTP_ROUTE);
  }

  @Override
  public void onRequestEnd(RequestContext context, String route, long durationNanos) {
    int made = context.clientCalls;
    if (made <= 0) {
      return;
    }
    calls.series(route).add(made);
    time.series(route).recordNanos(context.clientNanos);
  }
}
