package dev.hourglass.agent.alerts;

/**
 * Running totals of notification deliveries since start, over all notifiers.
 *
 * @param sent deliveries a receiver accepted (log lines count as sent)
 * @param failed deliveries given up on after every retry
 * @param retried failed attempts that were tried again
 * @param dropped deliveries never attempted because the queue was full
 */
public record NotificationStats(long sent, long failed, long retried, long dropped) {}
