package dev.hourglass.agent.httpclient;

import java.util.List;

/**
 * The HTTP-client family's downstream hosts, shown by the dashboard and {@code /api/clients}.
 * Called on HTTP threads: return a prepared, bounded list quickly.
 */
public interface ClientsView {
  ClientsView NONE = List::of;

  List<DownstreamHost> hosts();

  /** One {@code host:port} the application calls; durations in milliseconds. */
  record DownstreamHost(
      String host,
      int port,
      long count,
      long errors,
      double p95Millis,
      double maxMillis,
      RateLimit rateLimit) {}

  /** The last rate-limit headers the host sent, or null in {@link DownstreamHost} if none. */
  record RateLimit(long limit, long remaining, long resetEpochSeconds, long observedEpochMillis) {}
}
