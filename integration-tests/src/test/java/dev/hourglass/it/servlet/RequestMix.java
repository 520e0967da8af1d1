package dev.hourglass.it.servlet;

import dev.hourglass.it.harness.Http;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends a known list of requests in random order from a few concurrent clients, checks that each
 * got the status it should, and keeps the ground truth the exported metrics are compared with.
 *
 * <p>Each request's server-side duration is bounded: at least what the endpoint sleeps, at most
 * what the client saw. Order statistics are monotone, so the true server-side quantile of a route
 * lies between the same quantile of the lower bounds and of the upper bounds — however loaded the
 * machine is.
 */
public final class RequestMix {
  private record Planned(String path, int status, String route, double minSeconds) {}

  private final List<Planned> planned = new ArrayList<>();
  private final double[] clientSeconds;
  private int sent;

  public RequestMix() {
    clientSeconds = new double[10_000];
  }

  /** {@code times} requests to {@code path}, each answering {@code status}, under {@code route}. */
  public RequestMix add(int times, String path, int status, String route, double minSeconds) {
    for (int i = 0; i < times; i++) {
      planned.add(new Planned(path, status, route, minSeconds));
    }
    return this;
  }

  public RequestMix add(int times, String path, int status) {
    return add(times, path, status, null, 0);
  }

  /** Sends everything with {@code clients} concurrent callers against {@code baseUrl}. */
  public RequestMix send(String baseUrl, int clients) throws Exception {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(42));
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int index : order) {
        calls.add(pool.submit(() -> call(baseUrl, index)));
      }
      for (Future<?> call : calls) {
        call.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    sent = planned.size();
    return this;
  }

  private Void call(String baseUrl, int index) {
    Planned request = planned.get(index);
    long start = System.nanoTime();
    Http.Response response = Http.get(baseUrl + request.path());
    clientSeconds[index] = (System.nanoTime() - start) / 1e9;
    if (response.status() != request.status()) {
      throw new AssertionError(
          request.path() + " answered " + response.status() + ", expected " + request.status());
    }
    return null;
  }

  /** [lowest, highest] the true server-side quantile of {@code route} can be. */
  public double[] quantileBounds(String route, double quantile) {
    List<Double> lower = new ArrayList<>();
    List<Double> upper = new ArrayList<>();
    for (int i = 0; i < sent; i++) {
      if (route.equals(planned.get(i).route())) {
        lower.add(planned.get(i).minSeconds());
        upper.add(clientSeconds[i]);
      }
    }
    return new double[] {valueAt(lower, quantile), valueAt(upper, quantile)};
  }

  /** The value at a quantile as HdrHistogram defines it: the ceil(q·n)-th smallest value. */
  private static double valueAt(List<Double> values, double quantile) {
    Collections.sort(values);
    int rank = Math.max(1, (int) Math.ceil(quantile * values.size()));
    return values.get(Math.min(rank, values.size()) - 1);
  }
}
