package dev.hourglass.snapshot;

/**
 * Receives each interval snapshot. Called on the interval clock's thread, so implementations must
 * return quickly: anything slow (network I/O) is handed to a thread of the consumer's own.
 */
public interface SnapshotConsumer {
  void accept(IntervalSnapshot snapshot);

  /** Delivers what is pending and stops, waiting at most {@code timeoutMillis}. Safe to call twice. */
  default void shutdown(long timeoutMillis) {}
}
