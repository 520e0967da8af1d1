package dev.hourglass.agent.traces;

import dev.hourglass.agent.http.HttpMethods;
import dev.hourglass.agent.servlet.ServerRequestRecorder.RequestOutcomeListener;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.bootstrap.RequestTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At each request's end, keeps its breakdown when it was slow: at least the threshold, or among
 * its route's slowest of the interval above the route's previous p99 ({@link RouteBaselines}).
 *
 * <p>Runs on the thread that ends the request. A request that is kept is copied out of its
 * context's {@link RequestTimeline} (one allocation per entry, for kept requests only); any other
 * request costs a comparison and, for the routes' baselines, one map lookup.
 */
public final class SlowRequestCapture implements RequestOutcomeListener {
  private final long thresholdNanos;
  private final RouteBaselines baselines;
  private final TraceStore store;
  private final AtomicLong ids = new AtomicLong();

  public SlowRequestCapture(long thresholdNanos, RouteBaselines baselines, TraceStore store) {
    this.thresholdNanos = thresholdNanos;
    this.baselines = baselines;
    this.store = store;
  }

  @Override
  public void onRequestEnd(
      RequestContext context,
      String method,
      String route,
      int status,
      String errorType,
      long durationNanos) {
    boolean overThreshold = durationNanos >= thresholdNanos;
    if (!overThreshold && !baselines.admit(route, durationNanos)) {
      return;
    }
    try {
      Trace trace = copy(context, method, route, status, errorType, durationNanos, overThreshold);
      store.add(trace, overThreshold);
    } catch (RuntimeException fault) {
      AdviceErrors.record(fault);
    }
  }

  private Trace copy(
      RequestContext context,
      String method,
      String route,
      int status,
      String errorType,
      long durationNanos,
      boolean overThreshold) {
    RequestTimeline timeline = context.timeline;
    int size = timeline == null ? 0 : timeline.size();
    List<Trace.TraceEntry> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      boolean jdbc = timeline.kind(i) == RequestTimeline.JDBC;
      entries.add(
          new Trace.TraceEntry(
              jdbc ? "jdbc" : "http",
              timeline.offsetNanos(i),
              timeline.durationNanos(i),
              timeline.text(i),
              jdbc ? null : HttpMethods.canonical(timeline.method(i)),
              timeline.port(i),
              timeline.status(i),
              timeline.error(i)));
    }
    return new Trace(
        ids.incrementAndGet(),
        overThreshold ? "threshold" : "slowest",
        HttpMethods.canonical(method),
        route,
        status,
        errorType,
        System.currentTimeMillis() - durationNanos / 1_000_000,
        durationNanos,
        context.dbCalls,
        context.dbNanos,
        context.clientCalls,
        context.clientNanos,
        List.copyOf(entries),
        timeline == null ? 0 : timeline.dropped());
  }
}
