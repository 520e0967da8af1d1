package dev.hourglass.agent.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The traces kept in memory: two rings of {@code keep} each, one for requests over the threshold
 * and one for the routes' slowest, so a busy route's samples never push the slow requests out.
 * The oldest trace of a full ring makes room for the newest.
 *
 * <p>Thread-safe: adding and reading lock one dedicated object for a few array operations.
 */
public final class TraceStore implements TracesView {
  private final Object lock = new Object();
  private final Trace[] overThreshold;
  private final Trace[] slowest;
  private int nextOverThreshold; // guarded by lock
  private int nextSlowest; // guarded by lock

  public TraceStore(int keep) {
    this.overThreshold = new Trace[keep];
    this.slowest = new Trace[keep];
  }

  public void add(Trace trace, boolean overThresholdTrace) {
    synchronized (lock) {
      if (overThresholdTrace) {
        overThreshold[nextOverThreshold] = trace;
        nextOverThreshold = (nextOverThreshold + 1) % overThreshold.length;
      } else {
        slowest[nextSlowest] = trace;
        nextSlowest = (nextSlowest + 1) % slowest.length;
      }
    }
  }

  @Override
  public List<Trace> traces(String route, long sinceEpochMillis) {
    List<Trace> matching = new ArrayList<>();
    synchronized (lock) {
      collect(overThreshold, route, sinceEpochMillis, matching);
      collect(slowest, route, sinceEpochMillis, matching);
    }
    matching.sort(Comparator.comparingLong(Trace::id).reversed());
    return matching;
  }

  @Override
  public Trace trace(long id) {
    synchronized (lock) {
      Trace found = find(overThreshold, id);
      return found != null ? found : find(slowest, id);
    }
  }

  private static void collect(Trace[] ring, String route, long since, List<Trace> into) {
    for (Trace trace : ring) {
      if (trace != null
          && trace.startEpochMillis() >= since
          && (route == null || route.equals(trace.route()))) {
        into.add(trace);
      }
    }
  }

  private static Trace find(Trace[] ring, long id) {
    for (Trace trace : ring) {
      if (trace != null && trace.id() == id) {
        return trace;
      }
    }
    return null;
  }
}
