package dev.hourglass.agent.web.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.web.AgentStatus;
import dev.hourglass.exporter.ExportStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthJsonTest {
  private static final long START = 1_700_000_000_000L;

  private static String health(ExportStats exporter, long now) {
    AgentStatus status =
        new AgentStatus(
            "1.2.3", START, Duration.ofSeconds(1), List.of("servlet"), List.of(exporter), List::of);
    return new String(HealthJson.health(status, null, 0, null, null, now), StandardCharsets.UTF_8);
  }

  @Test
  void failingExporter_showsItsQueueDropsAndFailures_andMakesTheAgentDegraded() {
    ExportStats otlp = new ExportStats("otlp");
    otlp.failed("connection refused", 1_000_000);
    otlp.failed("connection refused", 1_000_000);
    otlp.queued(3);
    otlp.dropped(17);

    String json = health(otlp, START + 500);

    assertThat(json)
        .startsWith("{\"status\":\"degraded\",\"problems\":[\"otlp export failing: connection refused\"]")
        .contains(
            "\"exporters\":[{\"name\":\"otlp\",\"exportedPoints\":0,\"droppedPoints\":17,"
                + "\"failedAttempts\":2,\"queuedSnapshots\":3,");
  }

  @Test
  void recoveredExporter_keepsItsDropCount_withAnEmptyQueue() {
    ExportStats otlp = new ExportStats("otlp");
    otlp.failed("HTTP 429", 1_000_000);
    otlp.queued(2);
    otlp.dropped(9);
    otlp.queued(0);
    otlp.succeeded(12, 1_000_000);

    String json = health(otlp, START + 500);

    assertThat(json)
        .startsWith("{\"status\":\"ok\",\"problems\":[]")
        .contains(
            "{\"name\":\"otlp\",\"exportedPoints\":12,\"droppedPoints\":9,\"failedAttempts\":1,"
                + "\"queuedSnapshots\":0,");
  }
}
