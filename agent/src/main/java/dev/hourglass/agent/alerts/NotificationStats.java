package dev.hourglass.agent.alerts;

/**
 * Running totals of notification deliveries since start, over all notifiers.
 *
 * @param sent deliveries a receiver accepted (log lines count as sent)
 * @param failed deliveries given up on after every retry
 * @param retried failed attempts that were tried again
 * @param dropped deliveries never attempted because the queue was full
 * @param failing notifiers whose latest attempt failed, by name, with the reason
 */
public record NotificationStats(
    long sent, long failed, long retried, long dropped, java.util.Map<String, String> failing) {
  public NotificationStats {
    failing = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(failing));
  }

  /** Totals with no notifier failing. */
  public NotificationStats(long sent, long failed, long retried, long dropped) {
    this(sent, failed, retried, dropped, java.util.Map.of());
  }
}
