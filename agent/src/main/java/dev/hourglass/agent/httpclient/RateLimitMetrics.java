package dev.hourglass.agent.httpclient;

import dev.hourglass.agent.metrics.CounterInstrument;
import dev.hourglass.agent.metrics.GaugeInstrument;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.snapshot.AttributeKey;
import dev.hourglass.snapshot.AttributeKeys;
import dev.hourglass.snapshot.MetricNames;

/**
 * The rate-limit metrics, per {@code server.address}: four gauges that read a {@link
 * DownstreamHost}'s latest state at each interval end, and a count of 429 responses.
 *
 * <p>Thread-safe: {@link #track} may race with itself; both callers install equivalent suppliers.
 */
final class RateLimitMetrics {
  static final String LIMIT = "hourglass.http.client.ratelimit.limit";
  static final String REMAINING = "hourglass.http.client.ratelimit.remaining";
  static final String RESET = "hourglass.http.client.ratelimit.reset";
  static final String THROTTLED = "hourglass.http.client.ratelimit.throttled";

  private final GaugeInstrument limit;
  private final GaugeInstrument remaining;
  private final GaugeInstrument reset;
  private final GaugeInstrument utilization;
  private final CounterInstrument throttled;

  RateLimitMetrics(MetricRegistry registry) {
    AttributeKey address = AttributeKeys.SERVER_ADDRESS;
    limit =
        registry.gauge(LIMIT, "Requests allowed per rate-limit window, as last reported", "{request}", address);
    remaining =
        registry.gauge(
            REMAINING, "Requests left in the rate-limit window, as last reported", "{request}", address);
    reset =
        registry.gauge(
            RESET,
            "Seconds until the rate-limit window resets, or until a throttled client may retry",
            "s",
            address);
    utilization =
        registry.gauge(
            MetricNames.HTTP_CLIENT_RATELIMIT_UTILIZATION,
            "Share of the rate limit in use: used / limit, or (limit - remaining) / limit",
            "1",
            address);
    throttled =
        registry.counter(THROTTLED, "Responses with status 429 (Too Many Requests)", "{response}", address);
  }

  /**
   * Makes the host's gauges follow its state. Called on every response that carried rate-limit
   * headers (rare, and a lookup of existing series allocates nothing), so a gauge series evicted
   * while idle comes back with the next report.
   */
  void track(DownstreamHost host) {
    String address = host.address();
    limit.series(address).track(host.limitSupplier());
    remaining.series(address).track(host.remainingSupplier());
    reset.series(address).track(host.resetSupplier());
    utilization.series(address).track(host.utilizationSupplier());
  }

  void countThrottled(String address) {
    throttled.series(address).increment();
  }
}
