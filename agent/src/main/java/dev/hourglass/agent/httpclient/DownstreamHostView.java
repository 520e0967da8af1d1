package dev.hourglass.agent.httpclient;

/**
 * A downstream host as the dashboard shows it. Rate-limit values are NaN when the host never sent
 * them; {@code rateLimitSeenEpochMillis} is 0 then.
 *
 * @param address the {@code server.address}
 * @param calls calls since start
 * @param errors calls that failed (no response, or a 5xx status)
 * @param throttled 429 responses since start
 * @param limit requests allowed per window, as last reported
 * @param remaining requests left in the window, as last reported
 * @param used requests used in the window, when the host reports it
 * @param utilization share of the limit in use: used / limit, or (limit - remaining) / limit
 * @param secondsToReset seconds until the window resets (or a throttled client may retry)
 * @param rateLimitSeenEpochMillis when rate-limit headers were last seen
 */
public record DownstreamHostView(
    String address,
    long calls,
    long errors,
    long throttled,
    double limit,
    double remaining,
    double used,
    double utilization,
    double secondsToReset,
    long rateLimitSeenEpochMillis) {}
