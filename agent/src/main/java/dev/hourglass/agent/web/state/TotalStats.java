package dev.hourglass.agent.web.state;

/** A series' running totals since it started (or since it came back after eviction). */
public record TotalStats(long count, long errors, double sumSeconds) {
  public double errorPercent() {
    return count == 0 ? 0 : errors * 100.0 / count;
  }

  public double meanMillis() {
    return count == 0 ? 0 : LatencyStats.roundMicros(sumSeconds * 1000 / count);
  }

  TotalStats plus(TotalStats other) {
    return new TotalStats(count + other.count, errors + other.errors, sumSeconds + other.sumSeconds);
  }
}
