package dev.hourglass.agent.cache;

import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.MetricNames;

/**
 * Links cache lookups to the server route that made them: at the end of each server request that
 * looked anything up, adds its hits and misses to {@code hourglass.http.route.cache.requests} by
 * {@code http.route} and {@code result}, so a route that stopped hitting its cache shows. Requests
 * that looked nothing up record nothing.
 *
 * <p>Runs on the thread that ends the request; thread-safe and allocation-free for known routes.
 */
final class CacheRouteRecorder implements ServerRequestRecorder.RequestEndListener {
  private final CounterInstrument requests;

  CacheRouteRecorder(MetricRegistry registry) {
    this.requests =
        registry.counter(
            MetricNames.HTTP_ROUTE_CACHE_REQUESTS,
            "Cache lookups made while serving requests of the route, by result",
            "{request}",
            AttributeKeys.HTTP_ROUTE,
            AttributeKeys.CACHE_RESULT);
  }

  @Override
  public void onRequestEnd(RequestContext context, String route, long durationNanos) {
    if (context.cacheHits > 0) {
      requests.series(route, "hit").add(context.cacheHits);
    }
    if (context.cacheMisses > 0) {
      requests.series(route, "miss").add(context.cacheMisses);
    }
  }
}
