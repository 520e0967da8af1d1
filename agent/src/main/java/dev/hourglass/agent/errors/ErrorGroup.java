package dev.hourglass.agent.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One error-inbox group: every error with the same fingerprint, however its messages differ. Its
 * representative stack is the first occurrence's, formatted once.
 *
 * <p>Thread-safe: counts are atomic, the routes a bounded concurrent set, the per-interval counts
 * guarded by a dedicated lock (written by the interval clock, read by the web server).
 */
final class ErrorGroup {
  static final int MAX_ROUTES = 20;
  static final int SPARKLINE_INTERVALS = 30;

  final String id;
  final String type;
  final String source;
  final List<String> frames;
  final long firstSeenEpochMillis;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong inInterval = new AtomicLong();
  private final Set<String> routes = ConcurrentHashMap.newKeySet();
  private final Object sparklineLock = new Object();
  private final long[] sparkline = new long[SPARKLINE_INTERVALS]; // guarded by sparklineLock
  private int sparklineNext; // guarded by sparklineLock
  private int sparklineSize; // guarded by sparklineLock
  private volatile long lastSeenEpochMillis;
  private volatile String message;

  ErrorGroup(String id, String type, String source, List<String> frames, long nowEpochMillis) {
    this.id = id;
    this.type = type;
    this.source = source;
    this.frames = List.copyOf(frames);
    this.firstSeenEpochMillis = nowEpochMillis;
  }

  void count(String route, String latestMessage, long nowEpochMillis) {
    count.incrementAndGet();
    inInterval.incrementAndGet();
    lastSeenEpochMillis = nowEpochMillis;
    addRoute(route);
    if (latestMessage != null) {
      message = latestMessage;
    }
  }

  void addRoute(String route) {
    if (route != null && routes.size() < MAX_ROUTES && !routes.contains(route)) {
      routes.add(route);
    }
  }

  /** Ends an interval: its count joins the sparkline. On the interval clock's thread. */
  void endInterval() {
    long counted = inInterval.getAndSet(0);
    synchronized (sparklineLock) {
      sparkline[sparklineNext] = counted;
      sparklineNext = (sparklineNext + 1) % SPARKLINE_INTERVALS;
      sparklineSize = Math.min(sparklineSize + 1, SPARKLINE_INTERVALS);
    }
  }

  ErrorGroupsView.Group view() {
    List<Long> perInterval = new ArrayList<>(SPARKLINE_INTERVALS);
    synchronized (sparklineLock) {
      int start = (sparklineNext - sparklineSize + SPARKLINE_INTERVALS) % SPARKLINE_INTERVALS;
      for (int i = 0; i < sparklineSize; i++) {
        perInterval.add(sparkline[(start + i) % SPARKLINE_INTERVALS]);
      }
    }
    return new ErrorGroupsView.Group(
        id,
        type,
        source,
        firstSeenEpochMillis,
        lastSeenEpochMillis,
        count.get(),
        perInterval,
        List.copyOf(new java.util.TreeSet<>(routes)),
        frames,
        message);
  }
}
