package dev.hourglass.it.web;

import dev.hourglass.it.harness.Http;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Requests the given URLs round-robin from two threads until stopped. */
public final class Load implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final Thread[] threads = new Thread[2];

  public Load(List<String> urls) {
    for (int t = 0; t < threads.length; t++) {
      int offset = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = offset; running.get(); i++) {
                  Http.get(urls.get(i % urls.size()));
                  sent.incrementAndGet();
                }
              },
              "load-" + t);
      threads[t].setDaemon(true);
      threads[t].start();
    }
  }

  long sent() {
    return sent.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(15_000);
    }
  }
}
