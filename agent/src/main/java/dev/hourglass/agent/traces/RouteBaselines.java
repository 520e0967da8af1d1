package dev.hourglass.agent.traces;

import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import dev.hourglass.snapshot.SnapshotConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per route: its p99 of the previous interval and the slowest requests of the current one, so the
 * capture can keep each route's {@code slowest} slowest requests per interval that are also above
 * its recent p99. Every interval the clock's snapshot sets the p99s (the highest p99 among the
 * route's series, by method, status and error) and empties the reservoirs; routes without requests
 * in the interval are forgotten.
 *
 * <p>Thread-safe. {@link #admit} runs on application threads: one map lookup and two volatile
 * reads for a request that is not among the slowest; a route's first request allocates its state,
 * at most {@code maxRoutes} of them.
 */
public final class RouteBaselines implements SnapshotConsumer {
  private static final class RouteState {
    private final Object lock = new Object();
    private final long[] slowest;
    private int count; // guarded by lock
    /** The previous interval's p99 (ns), 0 when unknown. */
    private volatile long p99Nanos;
    /** The smallest of the reservoir once full (ns); 0 while it fills. */
    private volatile long floorNanos;

    RouteState(int size) {
      this.slowest = new long[size];
    }

    boolean offer(long nanos) {
      synchronized (lock) {
        if (count < slowest.length) {
          slowest[count++] = nanos;
          if (count == slowest.length) {
            floorNanos = slowest[indexOfMin()];
          }
          return true;
        }
        int min = indexOfMin();
        if (nanos <= slowest[min]) {
          return false;
        }
        slowest[min] = nanos;
        floorNanos = slowest[indexOfMin()];
        return true;
      }
    }

    void startInterval(long p99) {
      synchronized (lock) {
        count = 0;
        floorNanos = 0;
        p99Nanos = p99;
      }
    }

    private int indexOfMin() {
      int min = 0;
      for (int i = 1; i < count; i++) {
        if (slowest[i] < slowest[min]) {
          min = i;
        }
      }
      return min;
    }
  }

  private final int slowestPerRoute;
  private final int maxRoutes;
  private final ConcurrentHashMap<String, RouteState> routes = new ConcurrentHashMap<>();

  public RouteBaselines(int slowestPerRoute, int maxRoutes) {
    this.slowestPerRoute = slowestPerRoute;
    this.maxRoutes = maxRoutes;
  }

  /** Whether a request of {@code route} that took {@code nanos} is among its route's slowest. */
  public boolean admit(String route, long nanos) {
    if (slowestPerRoute == 0) {
      return false;
    }
    RouteState state = routes.get(route);
    if (state == null) {
      if (routes.size() >= maxRoutes) {
        return false;
      }
      state = routes.computeIfAbsent(route, unused -> new RouteState(slowestPerRoute));
    }
    if (nanos <= state.p99Nanos || nanos <= state.floorNanos) {
      return false;
    }
    return state.offer(nanos);
  }

  @Override
  public void accept(IntervalSnapshot snapshot) {
    Map<String, Long> p99s = new HashMap<>();
    for (LatencyPoint point : snapshot.latencies()) {
      if (!point.instrument().name().equals(MetricNames.HTTP_SERVER_REQUEST_DURATION)) {
        continue;
      }
      int routeIndex = point.instrument().indexOf(AttributeKeys.HTTP_ROUTE.name());
      if (routeIndex < 0 || point.interval().getTotalCount() == 0) {
        continue;
      }
      long p99 = point.interval().getValueAtPercentile(99) * 1000; // µs to ns
      p99s.merge(point.attributeValues().get(routeIndex), p99, Long::max);
    }
    routes.keySet().retainAll(p99s.keySet());
    routes.forEach((route, state) -> state.startInterval(p99s.getOrDefault(route, 0L)));
  }
}
