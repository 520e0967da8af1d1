package dev.hourglass.exporter.otlp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the SDK's HTTP stack sends exports on. Left to itself the SDK names them through
 * {@code Executors.defaultThreadFactory()}, which takes a number from the JVM-wide {@code pool-N}
 * sequence: the application's first default thread pool would then be {@code pool-2}, a change
 * an application's logs or tests can see. Ours are named after the agent, daemon, and idle ones end.
 */
final class SenderThreads {
  private SenderThreads() {}

  static ExecutorService create() {
    AtomicInteger number = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "hourglass-otlp-sender-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
