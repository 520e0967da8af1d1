package dev.hourglass.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.snapshot.InstrumentDescriptor.Kind;
import dev.hourglass.snapshot.InstrumentDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusNamesTest {
  private static InstrumentDescriptor instrument(String name, String unit) {
    return new InstrumentDescriptor(name, "", unit, Kind.LATENCY, List.of());
  }

  @Test
  void family_appendsUnitWord_dropsAnnotations() {
    assertThat(PrometheusNames.family(instrument("http.server.request.duration", "s")))
        .isEqualTo("http_server_request_duration_seconds");
    assertThat(PrometheusNames.family(instrument("db.client.operation.duration", "s")))
        .isEqualTo("db_client_operation_duration_seconds");
    assertThat(PrometheusNames.family(instrument("hourglass.agent.export.points", "{point}")))
        .isEqualTo("hourglass_agent_export_points");
    assertThat(PrometheusNames.family(instrument("jvm.memory.used", "By")))
        .isEqualTo("jvm_memory_used_bytes");
    assertThat(PrometheusNames.family(instrument("already_seconds", "s")))
        .isEqualTo("already_seconds");
  }

  @Test
  void quantilesFamily_matchesTheOtlpSummaryName() {
    assertThat(PrometheusNames.quantilesFamily(instrument("http.client.request.duration", "s")))
        .isEqualTo("http_client_request_duration_quantiles_seconds");
  }

  @Test
  void label_replacesInvalidCharacters() {
    assertThat(PrometheusNames.label("http.response.status_code"))
        .isEqualTo("http_response_status_code");
    assertThat(PrometheusNames.label("9lives-x")).isEqualTo("_9lives_x");
    assertThat(PrometheusNames.label("__reserved")).isEqualTo("_reserved");
  }
}
