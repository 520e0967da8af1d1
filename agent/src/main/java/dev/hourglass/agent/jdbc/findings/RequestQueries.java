package dev.hourglass.agent.jdbc.findings;

import dev.hourglass.agent.jdbc.QueryShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT shapes one server request ran and how often, for N+1 detection, plus its slow
 * executions, which are reported at request end once the route is known. Kept in {@code
 * RequestContext.agentState}.
 *
 * <p>Confined to the request: written by the thread serving it, read at request end by the thread
 * that ends it. Instances are recycled per thread ({@link #take}/{@link #recycle}), so tallying
 * allocates nothing once a thread has served its first request with a query.
 */
public final class RequestQueries {
  /** Distinct shapes tracked per request; more than that in one request are not tallied. */
  static final int MAX_SHAPES = 64;

  private static final ThreadLocal<RequestQueries> SPARE = new ThreadLocal<>();

  private QueryShape[] shapes = new QueryShape[8];
  private int[] counts = new int[8];
  private long[] nanos = new long[8];
  private int size;
  private List<SlowQueries.Pending> slow; // rare: created on the first slow execution

  private RequestQueries() {}

  /** This thread's recycled instance, or a new one when it is in use by an unfinished request. */
  public static RequestQueries take() {
    RequestQueries spare = SPARE.get();
    if (spare != null) {
      SPARE.set(null);
      return spare;
    }
    return new RequestQueries();
  }

  /** Clears this instance and keeps it for the calling thread's next request. */
  void recycle() {
    for (int i = 0; i < size; i++) {
      shapes[i] = null;
    }
    size = 0;
    slow = null;
    if (SPARE.get() == null) {
      SPARE.set(this);
    }
  }

  public void tally(QueryShape shape, long executionNanos) {
    for (int i = 0; i < size; i++) {
      if (shapes[i] == shape) {
        counts[i]++;
        nanos[i] += executionNanos;
        return;
      }
    }
    if (size == MAX_SHAPES) {
      return;
    }
    if (size == shapes.length) {
      grow();
    }
    shapes[size] = shape;
    counts[size] = 1;
    nanos[size] = executionNanos;
    size++;
  }

  void addSlow(SlowQueries.Pending query) {
    if (slow == null) {
      slow = new ArrayList<>(2);
    }
    slow.add(query);
  }

  int size() {
    return size;
  }

  QueryShape shape(int i) {
    return shapes[i];
  }

  int count(int i) {
    return counts[i];
  }

  long nanos(int i) {
    return nanos[i];
  }

  List<SlowQueries.Pending> slow() {
    return slow == null ? List.of() : slow;
  }

  private void grow() {
    int length = Math.min(shapes.length * 2, MAX_SHAPES);
    shapes = java.util.Arrays.copyOf(shapes, length);
    counts = java.util.Arrays.copyOf(counts, length);
    nanos = java.util.Arrays.copyOf(nanos, length);
  }
}
