package dev.hourglass.agent.metrics;

import static dev.hourglass.snapshot.AttributeKey.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.UsedHeap;
import dev.hourglass.snapshot.CounterPoint;
import dev.hourglass.snapshot.IntervalSnapshot;
import dev.hourglass.snapshot.LatencyPoint;
import org.junit.jupiter.api.Test;

/**
 * 100,000 distinct attribute values against the default series cap of 1,000: the registry keeps
 * 1,000 series plus one {@code _other}, counts every overflowing lookup, and its heap stops growing
 * at the cap, so the storm's size does not matter. The figures printed are the README's bound.
 */
class CardinalityStormTest {
  private static final int CAP = 1000;
  private static final int DISTINCT = 100_000;
  private static final long MS = 1_000_000;
  /** Documented bound: the series of one full instrument, both recorder phases, after collection. */
  private static final long BOUND_BYTES = 16L * 1024 * 1024;

  @Test
  void hundredThousandDistinctRoutesAreCappedCountedAndBoundedInMemory() {
    long empty = UsedHeap.afterGc();
    MetricRegistry registry = new MetricRegistry(CAP, 30);
    LatencyInstrument duration =
        registry.latency("http.server.request.duration", "test", string("method"), string("route"), string("status"), string("error"));

    record(duration, 0, 10 * CAP);
    registry.collect(1, 0, 1); // both recorder phases allocated, as in a running agent
    long atCap = UsedHeap.afterGc() - empty;
    record(duration, 10 * CAP, DISTINCT);
    IntervalSnapshot snapshot = registry.collect(2, 1, 2);
    long overflowLookups = overflowLookups(snapshot);
    LatencyPoint other =
        snapshot.latencies().stream()
            .filter(point -> point.attributeValues().get(1).equals("_other"))
            .findFirst()
            .orElseThrow();
    snapshot = null; // a consumer's copy of the interval, not the registry's memory
    long afterStorm = UsedHeap.afterGc() - empty;
    System.out.printf(
        "series cap %d full: %d KB (%d bytes per series); after %d distinct values: %d KB%n",
        CAP, atCap / 1024, atCap / CAP, DISTINCT, afterStorm / 1024);

    assertThat(duration.seriesCount()).isEqualTo(CAP);
    assertThat(overflowLookups).isEqualTo(DISTINCT - CAP);
    assertThat(other.cumulativeCount()).isEqualTo(DISTINCT - CAP);
    assertThat(other.attributeValues()).containsOnly("_other");
    assertThat(atCap).as("heap of a full instrument").isLessThan(BOUND_BYTES);
    assertThat(afterStorm - atCap)
        .as("ninety thousand more distinct values beyond the cap cost (next to) nothing")
        .isLessThan(1024L * 1024);
    assertThat(registry).isNotNull(); // keeps the registry reachable through the measurements
  }

  private static void record(LatencyInstrument duration, int from, int to) {
    for (int i = from; i < to; i++) {
      duration.series("GET", "/owners/" + i, "200", "").recordNanos((i % 500 + 1) * MS);
    }
  }

  private static long overflowLookups(IntervalSnapshot snapshot) {
    return snapshot.counters().stream()
        .filter(counter -> counter.instrument().name().equals("hourglass.agent.series.overflow"))
        .mapToLong(CounterPoint::total)
        .sum();
  }
}
