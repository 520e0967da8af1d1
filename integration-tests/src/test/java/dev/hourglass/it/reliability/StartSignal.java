package dev.hourglass.it.reliability;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a hostile application waits for its go: the test creates a file once the agent has woven the
 * classes (weaving runs on an agent thread, after {@code main} started), or before the start when
 * the application runs without the agent.
 */
final class StartSignal {
  private static final long PATIENCE_NANOS = 120_000_000_000L;

  private StartSignal() {}

  static void await(String file) throws InterruptedException {
    Path go = Path.of(file);
    long deadline = System.nanoTime() + PATIENCE_NANOS;
    while (!Files.exists(go)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("never told to start: " + go);
      }
      Thread.sleep(20);
    }
  }
}
