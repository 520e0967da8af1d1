package dev.hourglass.agent.web.state;

/**
 * The JVM at the end of an interval: process CPU (percent of all cores, -1 if the platform does not
 * say), heap, and time spent in garbage collection during the interval.
 */
public record RuntimeSample(
    double processCpuPercent,
    long heapUsedBytes,
    long heapMaxBytes,
    long gcMillis,
    double gcPercent,
    int threads) {
  public static final RuntimeSample NONE = new RuntimeSample(-1, 0, 0, 0, 0, 0);
}
