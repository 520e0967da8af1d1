package dev.hourglass.agent.web.state;

import static dev.hourglass.snapshot.SnapshotBuilder.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.snapshot.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
  private final DashboardState state = new DashboardState(3, false);

  private void interval(long sequence, String route, long... micros) {
    SnapshotBuilder snapshot = SnapshotBuilder.interval(sequence);
    if (route != null) {
      snapshot.latency(SERVER, List.of("GET", route, "200", ""), micros);
    }
    state.accept(snapshot.build());
  }

  @Test
  void totals_keepTheLastCapacityIntervalsOldestFirst() {
    for (long sequence = 1; sequence <= 5; sequence++) {
      interval(sequence, "/fast", SnapshotBuilder.millisOneTo((int) sequence));
    }

    assertThat(state.history().totals())
        .extracting(HistoryPoint::sequence)
        .containsExactly(3L, 4L, 5L);
    assertThat(state.history().totals())
        .extracting(point -> point.totals().get("http.server.request.duration").count())
        .containsExactly(3L, 4L, 5L);
  }

  @Test
  void route_hasZerosForIntervalsWithoutRequests_andStartsWhenTheRouteAppears() {
    interval(1, null);
    interval(2, "/a", 1000, 2000);
    interval(3, "/b", 1000);

    assertThat(state.history().route("GET /a"))
        .containsExactly(
            new RoutePoint(20_000, 2, 0, 1.0, 2.0, 2.0, 2.0), new RoutePoint(30_000, 0, 0, 0, 0, 0, 0));
    assertThat(state.history().route("GET /b")).containsExactly(new RoutePoint(30_000, 1, 0, 1, 1, 1, 1));
    assertThat(state.history().route("GET /unknown")).isNull();
  }

  @Test
  void route_isDroppedAfterAWholeWindowWithoutRequests() {
    interval(1, "/a", 1000);
    interval(2, "/b", 1000);
    interval(3, "/b", 1000);
    assertThat(state.history().routeIds()).containsExactly("GET /a", "GET /b");

    interval(4, "/b", 1000);

    assertThat(state.history().routeIds()).containsExactly("GET /b");
  }

  @Test
  void capacity_belowTwoIsRefused() {
    assertThatThrownBy(() -> new History(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("history capacity must be at least 2, was 1");
  }
}
