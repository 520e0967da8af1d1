package dev.hourglass.agent.jdbc.findings;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database family found, kept in memory for the local endpoints: the latest slow
 * executions, N+1 patterns per route and SQL shape, and leaked connections. Every list is bounded
 * ({@code keep} entries each; the oldest, or least recently seen N+1 pattern, goes first). Only
 * sanitized SQL is ever stored here.
 *
 * <p>Thread-safe: writers (application threads at request end, the leak sweeper) and readers (the
 * local HTTP server) synchronize on one private lock; readers get copies.
 */
public final class QueryFindings {
  /** One execution over the slow threshold. {@code route} is empty outside a server request. */
  public record SlowQuery(
      long epochMillis,
      String route,
      String system,
      String operation,
      String query,
      long durationNanos,
      String frame) {}

  /** One N+1 pattern: a SELECT shape run at least the threshold's times within requests of a route. */
  public record NPlusOne(
      String route,
      String query,
      long requests,
      int lastExecutions,
      long lastTotalNanos,
      long lastEpochMillis) {}

  /**
   * A connection held longer than the leak threshold, or dropped without {@code close} ({@code
   * collected}); {@code acquiredAt} are the frames that obtained it, callers first.
   */
  public record Leak(
      long epochMillis, String pool, long heldNanos, String frame, List<String> acquiredAt, boolean collected) {}

  private final int keep;
  private final Object lock = new Object();
  private final ArrayDeque<SlowQuery> slow = new ArrayDeque<>();
  private final ArrayDeque<Leak> leaks = new ArrayDeque<>();
  private final LinkedHashMap<String, NPlusOne> nPlusOne = new LinkedHashMap<>(16, 0.75f, true);

  public QueryFindings(int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be positive, got " + keep);
    }
    this.keep = keep;
  }

  void addSlow(SlowQuery query) {
    synchronized (lock) {
      if (slow.size() == keep) {
        slow.removeFirst();
      }
      slow.addLast(query);
    }
  }

  public void addLeak(Leak leak) {
    synchronized (lock) {
      if (leaks.size() == keep) {
        leaks.removeFirst();
      }
      leaks.addLast(leak);
    }
  }

  /** Records one request's N+1 pattern; returns the pattern's total number of requests so far. */
  long addNPlusOne(String route, String query, int executions, long totalNanos, long epochMillis) {
    String key = route + '\n' + query;
    synchronized (lock) {
      NPlusOne previous = nPlusOne.get(key);
      long requests = previous == null ? 1 : previous.requests() + 1;
      nPlusOne.put(key, new NPlusOne(route, query, requests, executions, totalNanos, epochMillis));
      if (nPlusOne.size() > keep) {
        Iterator<Map.Entry<String, NPlusOne>> eldest = nPlusOne.entrySet().iterator();
        eldest.next();
        eldest.remove();
      }
      return requests;
    }
  }

  /** The latest slow executions, oldest first. */
  public List<SlowQuery> slowQueries() {
    synchronized (lock) {
      return new ArrayList<>(slow);
    }
  }

  /** N+1 patterns, least recently seen first. */
  public List<NPlusOne> nPlusOne() {
    synchronized (lock) {
      return new ArrayList<>(nPlusOne.values());
    }
  }

  /** Reported connection leaks, oldest first. */
  public List<Leak> leaks() {
    synchronized (lock) {
      return new ArrayList<>(leaks);
    }
  }
}
