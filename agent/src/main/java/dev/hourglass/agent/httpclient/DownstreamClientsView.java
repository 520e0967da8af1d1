package dev.hourglass.agent.httpclient;

import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The dashboard's view of downstream hosts: call and error counts and rate-limit state from {@link
 * DownstreamHosts}, latency of the last interval from the interval clock's latest snapshot (all
 * methods and statuses of a host merged).
 */
public final class DownstreamClientsView implements ClientsView {
  private final DownstreamHosts hosts;
  private final IntervalClock clock;

  public DownstreamClientsView(DownstreamHosts hosts, IntervalClock clock) {
    this.hosts = hosts;
    this.clock = clock;
  }

  @Override
  public List<DownstreamHost> hosts() {
    Map<String, Histogram> latency = latencyByHost(clock.latest());
    List<DownstreamHost> rows = new ArrayList<>();
    for (DownstreamHostView host : hosts.views()) {
      Histogram micros = latency.get(host.address());
      double p95 = micros == null ? Double.NaN : micros.getValueAtPercentile(95) / 1000.0;
      double max = micros == null ? Double.NaN : micros.getMaxValue() / 1000.0;
      RateLimit rateLimit =
          host.rateLimitSeenEpochMillis() == 0
              ? null
              : new RateLimit(
                  (long) host.limit(),
                  (long) host.remaining(),
                  host.rateLimitSeenEpochMillis() / 1000 + (long) host.secondsToReset(),
                  host.rateLimitSeenEpochMillis());
      // Hosts are tracked by address across their ports, so the port is unknown (-1): the
      // dashboard shows the address alone.
      rows.add(new DownstreamHost(host.address(), -1, host.calls(), host.errors(), p95, max, rateLimit));
    }
    return rows;
  }

  private static Map<String, Histogram> latencyByHost(IntervalSnapshot snapshot) {
    Map<String, Histogram> byHost = new HashMap<>();
    if (snapshot == null) {
      return byHost;
    }
    for (LatencyPoint point : snapshot.latencies()) {
      if (!point.instrument().name().equals(MetricNames.HTTP_CLIENT_REQUEST_DURATION)) {
        continue;
      }
      String host = point.attribute(AttributeKeys.SERVER_ADDRESS.name());
      Histogram merged = byHost.get(host);
      if (merged == null) {
        byHost.put(host, point.interval().copy());
      } else {
        merged.add(point.interval());
      }
    }
    return byHost;
  }
}
