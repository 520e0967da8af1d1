package dev.hourglass.it.servlet;

import dev.hourglass.it.Http;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends a known list of requests in random order from a few concurrent clients and checks that each
 * got the status it should. The list is the ground truth the exported metrics are compared with.
 */
final class RequestMix {
  private final List<String> paths = new ArrayList<>();
  private final List<Integer> statuses = new ArrayList<>();

  RequestMix add(int times, String path, int expectedStatus) {
    for (int i = 0; i < times; i++) {
      paths.add(path);
      statuses.add(expectedStatus);
    }
    return this;
  }

  /** Sends everything with {@code clients} concurrent callers against {@code baseUrl}. */
  void send(String baseUrl, int clients) throws Exception {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(42));
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int index : order) {
        calls.add(
            pool.submit(
                () -> {
                  Http.Response response = Http.get(baseUrl + paths.get(index));
                  if (response.status() != statuses.get(index)) {
                    throw new AssertionError(
                        paths.get(index) + " answered " + response.status() + ", expected " + statuses.get(index));
                  }
                  return null;
                }));
      }
      for (Future<?> call : calls) {
        call.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
