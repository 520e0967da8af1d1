package dev.hourglass.agent.web.state;

/**
 * One route's ring of per-interval numbers, slot for slot beside {@link History}'s ring. Primitive
 * arrays keep it to 24 bytes per interval (8.6 KB for an hour at 10 s). Guarded by History's lock.
 */
final class RouteHistory {
  final long firstSequence;
  long lastActiveSequence;
  private final int[] counts;
  private final int[] errors;
  private final float[] p50;
  private final float[] p95;
  private final float[] p99;
  private final float[] max;

  RouteHistory(int capacity, long firstSequence) {
    this.firstSequence = firstSequence;
    this.lastActiveSequence = firstSequence;
    counts = new int[capacity];
    errors = new int[capacity];
    p50 = new float[capacity];
    p95 = new float[capacity];
    p99 = new float[capacity];
    max = new float[capacity];
  }

  void set(int slot, LatencyStats stats) {
    counts[slot] = (int) Math.min(Integer.MAX_VALUE, stats.count());
    errors[slot] = (int) Math.min(Integer.MAX_VALUE, stats.errors());
    p50[slot] = (float) stats.p50Millis();
    p95[slot] = (float) stats.p95Millis();
    p99[slot] = (float) stats.p99Millis();
    max[slot] = (float) stats.maxMillis();
  }

  RoutePoint point(int slot, long endEpochMillis) {
    return new RoutePoint(
        endEpochMillis,
        counts[slot],
        errors[slot],
        LatencyStats.roundMicros(p50[slot]),
        LatencyStats.roundMicros(p95[slot]),
        LatencyStats.roundMicros(p99[slot]),
        LatencyStats.roundMicros(max[slot]));
  }
}
