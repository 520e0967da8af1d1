package dev.hourglass.it.reliability;

import dev.hourglass.it.harness.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/**
 * Many client threads sending GETs round-robin over a fixed list of calls until told to stop or a
 * deadline passes, each call checked for the status it must answer. Keeps the ground truth that
 * exported metrics are held to: how many times each call was answered and the longest each took as
 * the client saw it (a server-side duration lies inside that).
 *
 * <p>Never hangs a test: every request has {@link Http#DEFAULT_TIMEOUT}, and the threads are given
 * the longest run time plus a minute before the hammer gives up on them.
 */
final class Hammer {
  /** One kind of request: its path and query, and the status it must answer. */
  record Call(String path, int status) {}

  private final List<Call> calls;
  private final AtomicLongArray answered;
  private final AtomicLongArray longestNanos;

  private Hammer(List<Call> calls) {
    this.calls = List.copyOf(calls);
    this.answered = new AtomicLongArray(calls.size());
    this.longestNanos = new AtomicLongArray(calls.size());
  }

  /**
   * Sends the calls from {@code threads} threads against {@code baseUrl} until {@code enough} says
   * so (asked before each request) or {@code longest} has passed; thread t starts at call t, so
   * every kind is in flight at once from the first moment.
   *
   * @throws AssertionError on the first wrong status, or when a thread is still busy a minute
   *     after the deadline
   */
  static Hammer run(
      String baseUrl, List<Call> calls, int threads, BooleanSupplier enough, Duration longest)
      throws Exception {
    Hammer hammer = new Hammer(calls);
    long deadline = System.nanoTime() + longest.toNanos();
    ExecutorService clients = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        done.add(clients.submit(() -> hammer.loop(baseUrl, first, enough, deadline)));
      }
      for (Future<?> future : done) {
        future.get(longest.toSeconds() + 60, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    return hammer;
  }

  private Void loop(String baseUrl, int first, BooleanSupplier enough, long deadline) {
    for (int i = first; System.nanoTime() < deadline && !enough.getAsBoolean(); i++) {
      int kind = i % calls.size();
      Call call = calls.get(kind);
      long start = System.nanoTime();
      int status = Http.get(baseUrl + call.path()).status();
      long nanos = System.nanoTime() - start;
      if (status != call.status()) {
        throw new AssertionError(
            call.path() + " answered " + status + ", expected " + call.status());
      }
      answered.incrementAndGet(kind);
      longestNanos.accumulateAndGet(kind, nanos, Math::max);
    }
    return null;
  }

  /** How many times the call was answered (with its status). */
  long answered(Call call) {
    return answered.get(indexOf(call));
  }

  long total() {
    long total = 0;
    for (int i = 0; i < calls.size(); i++) {
      total += answered.get(i);
    }
    return total;
  }

  /** The longest round trip of the call, in seconds, as the client measured it. */
  double longestSeconds(Call call) {
    return longestNanos.get(indexOf(call)) / 1e9;
  }

  private int indexOf(Call call) {
    int index = calls.indexOf(call);
    if (index < 0) {
      throw new IllegalArgumentException(call + " was not part of the run " + calls);
    }
    return index;
  }
}
