package dev.hourglass.agent.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.UsedHeap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceStoreTest {
  static Trace trace(long id, String route, long start, int entries) {
    List<Trace.TraceEntry> timeline = new ArrayList<>(entries);
    for (int i = 0; i < entries; i++) {
      timeline.add(
          i % 2 == 0
              ? new Trace.TraceEntry("jdbc", i * 1000L, 900, "SELECT * FROM t WHERE id = ?", null, 0, 0, null)
              : new Trace.TraceEntry("http", i * 1000L, 900, "api.example.com", "GET", 443, 200, null));
    }
    return new Trace(id, "threshold", "GET", route, 200, "", start, 2_000_000_000L, entries / 2,
        entries * 450L, entries / 2, entries * 450L, List.copyOf(timeline), 0);
  }

  @Test
  void keepsTheNewestOfEachRingAndFiltersByRouteAndStart() {
    TraceStore store = new TraceStore(2);
    store.add(trace(1, "/a", 100, 1), true);
    store.add(trace(2, "/b", 200, 1), true);
    store.add(trace(3, "/a", 300, 1), true);
    store.add(trace(4, "/a", 400, 1), false);

    assertThat(store.traces(null, 0)).extracting(Trace::id).containsExactly(4L, 3L, 2L);
    assertThat(store.traces("/a", 0)).extracting(Trace::id).containsExactly(4L, 3L);
    assertThat(store.traces("/a", 350)).extracting(Trace::id).containsExactly(4L);
    assertThat(store.trace(1)).as("pushed out of its ring").isNull();
    assertThat(store.trace(3).route()).isEqualTo("/a");
  }

  /**
   * The memory budget of the defaults: both rings full (2 × 100) of breakdowns with 100 entries
   * each (statements and hosts are shared strings, as the SQL shape cache and host table share
   * them). Heap used after full collections, with and without the store.
   */
  @Test
  void fullStoreAtTheDefaultsStaysUnderTwoMegabytes() {
    long before = UsedHeap.afterGc();
    TraceStore store = new TraceStore(100);
    for (int i = 0; i < 200; i++) {
      store.add(trace(i, "/route", i, 100), i % 2 == 0);
    }
    long used = UsedHeap.afterGc() - before;
    System.out.println("[TraceStoreTest] 200 traces x 100 entries: " + used + " bytes");
    assertThat(store.traces(null, 0)).hasSize(200);
    assertThat(used).isLessThan(2L * 1024 * 1024);
  }

}
