package dev.hourglass.agent.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

class RouteBaselinesTest {
  private static final long MS = 1_000_000;

  @Test
  void keepsTheSlowestRequestsOfEachRouteInAnInterval() {
    RouteBaselines baselines = new RouteBaselines(2, 100);

    assertThat(baselines.admit("/a", 10 * MS)).isTrue();
    assertThat(baselines.admit("/a", 5 * MS)).isTrue();
    assertThat(baselines.admit("/a", 4 * MS)).as("not slower than the two kept").isFalse();
    assertThat(baselines.admit("/a", 7 * MS)).as("slower than the slowest kept's minimum").isTrue();
    assertThat(baselines.admit("/a", 6 * MS)).isFalse();
    assertThat(baselines.admit("/b", 1 * MS)).isTrue();
  }

  @Test
  void aNewIntervalAdmitsOnlyRequestsAboveTheRoutesPreviousP99() {
    RouteBaselines baselines = new RouteBaselines(2, 100);
    baselines.admit("/a", 10 * MS);

    baselines.accept(SnapshotBuilder.interval(1).requests("/a", 200, 100, 20).build());

    assertThat(baselines.admit("/a", 20 * MS)).as("at the p99").isFalse();
    assertThat(baselines.admit("/a", 21 * MS)).isTrue();
  }

  @Test
  void routesWithoutRequestsInAnIntervalAreForgottenAndTheRoutesAreCapped() {
    RouteBaselines baselines = new RouteBaselines(1, 1);
    baselines.admit("/a", 10 * MS);
    assertThat(baselines.admit("/b", 10 * MS)).as("over the cap of routes").isFalse();

    baselines.accept(SnapshotBuilder.interval(1).build());

    assertThat(baselines.admit("/b", 10 * MS)).isTrue();
  }

  @Test
  void noReservoirWhenTurnedOff() {
    assertThat(new RouteBaselines(0, 100).admit("/a", 10 * MS)).isFalse();
  }
}
