package dev.hourglass.agent.alerts;

/**
 * A signal's value for one group of series in one interval.
 *
 * @param value in the signal's unit
 * @param samples measurements behind it (latency: recorded durations; counters and gauges: 1)
 */
record Measurement(double value, long samples) {}
