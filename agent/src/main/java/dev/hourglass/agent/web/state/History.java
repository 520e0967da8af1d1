package dev.hourglass.agent.web.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ring buffers of per-interval summaries (not histograms: an hour of 1,000 series' histograms would
 * not fit the agent's memory budget): the merged totals and the JVM sample for every interval, and
 * per-route numbers for at most {@link #MAX_ROUTES} routes. A route without requests for a whole
 * window is dropped.
 *
 * <p>The clock thread adds; HTTP threads read. Both hold a dedicated lock for a few microseconds.
 */
public final class History {
  /** Routes with a history of their own; later routes appear in the totals only. */
  public static final int MAX_ROUTES = 200;

  private final int capacity;
  private final Object lock = new Object();
  private final HistoryPoint[] points; // guarded by lock, like everything below
  private final Map<String, RouteHistory> routes = new LinkedHashMap<>();
  private int next;
  private int size;

  public History(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("history capacity must be at least 2, was " + capacity);
    }
    this.capacity = capacity;
    this.points = new HistoryPoint[capacity];
  }

  public int capacity() {
    return capacity;
  }

  void add(IntervalSummary summary) {
    synchronized (lock) {
      int slot = next;
      points[slot] =
          new HistoryPoint(
              summary.sequence(),
              summary.endEpochMillis(),
              summary.seconds(),
              summary.totals(),
              summary.runtime());
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
      for (RouteRow route : summary.routes()) {
        RouteHistory history = routes.get(route.id());
        if (history == null && route.interval().count() > 0 && routes.size() < MAX_ROUTES) {
          history = new RouteHistory(capacity, summary.sequence());
          routes.put(route.id(), history);
        }
        if (history != null && route.interval().count() > 0) {
          history.lastActiveSequence = summary.sequence();
        }
      }
      Iterator<Map.Entry<String, RouteHistory>> entries = routes.entrySet().iterator();
      while (entries.hasNext()) {
        RouteHistory history = entries.next().getValue();
        if (summary.sequence() - history.lastActiveSequence >= capacity) {
          entries.remove();
        } else {
          history.set(slot, LatencyStats.EMPTY);
        }
      }
      for (RouteRow route : summary.routes()) {
        RouteHistory history = routes.get(route.id());
        if (history != null) {
          history.set(slot, route.interval());
        }
      }
    }
  }

  /** Every interval kept, oldest first. */
  public List<HistoryPoint> totals() {
    synchronized (lock) {
      List<HistoryPoint> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        list.add(points[slotOf(i)]);
      }
      return list;
    }
  }

  /** The route's intervals since its history began, oldest first; null if it has none. */
  public List<RoutePoint> route(String id) {
    synchronized (lock) {
      RouteHistory history = routes.get(id);
      if (history == null) {
        return null;
      }
      List<RoutePoint> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        int slot = slotOf(i);
        if (points[slot].sequence() >= history.firstSequence) {
          list.add(history.point(slot, points[slot].endEpochMillis()));
        }
      }
      return list;
    }
  }

  /** Ids of the routes that have a history. */
  public List<String> routeIds() {
    synchronized (lock) {
      return new ArrayList<>(routes.keySet());
    }
  }

  private int slotOf(int age) {
    return (next - size + age + capacity) % capacity;
  }
}
