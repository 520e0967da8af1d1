package dev.hourglass.agent.web.state;

/** One interval of one route's history; quantiles in milliseconds, zero when it had no requests. */
public record RoutePoint(
    long endEpochMillis,
    long count,
    long errors,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    double maxMillis) {}
