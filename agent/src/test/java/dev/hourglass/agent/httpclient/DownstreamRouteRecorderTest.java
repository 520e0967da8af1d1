package dev.hourglass.agent.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.bootstrap.ServerRequests;
import dev.hourglass.snapshot.IntervalSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownstreamRouteRecorderTest {
  private final MetricRegistry registry = new MetricRegistry(100, 30);
  private final DownstreamRouteRecorder recorder = new DownstreamRouteRecorder(registry);

  private static RequestContext requestWith(int calls, long nanos) {
    RequestContext context = ServerRequests.start();
    context.clientCalls = calls;
    context.clientNanos = nanos;
    ServerRequests.leave(context);
    return context;
  }

  @Test
  void requestsThatMadeCalls_addTheirCallsAndTimeToTheRoute() {
    recorder.onRequestEnd(requestWith(2, 30_000_000L), "/orders", 50_000_000L);
    recorder.onRequestEnd(requestWith(3, 10_000_000L), "/orders", 20_000_000L);

    IntervalSnapshot snapshot = registry.collect(1, 0, 1_000_000_000L);

    assertThat(snapshot.counters())
        .filteredOn(point -> point.instrument().name().equals(DownstreamRouteRecorder.CALLS))
        .singleElement()
        .satisfies(point -> {
          assertThat(point.attributeValues()).isEqualTo(List.of("/orders"));
          assertThat(point.delta()).isEqualTo(5);
        });
    assertThat(snapshot.latencies())
        .filteredOn(point -> point.instrument().name().equals(DownstreamRouteRecorder.TIME))
        .singleElement()
        .satisfies(point -> {
          assertThat(point.interval().getTotalCount()).isEqualTo(2);
          // HdrHistogram at 3 significant digits: within 0.1% of the recorded 30 ms.
          assertThat(point.interval().getMaxValue()).isBetween(29_970L, 30_030L);
        });
  }

  @Test
  void requestsWithoutCalls_recordNothing() {
    recorder.onRequestEnd(requestWith(0, 0), "/health", 1_000_000L);

    IntervalSnapshot snapshot = registry.collect(1, 0, 1_000_000_000L);

    assertThat(snapshot.counters())
        .noneMatch(point -> point.instrument().name().equals(DownstreamRouteRecorder.CALLS));
  }
}
