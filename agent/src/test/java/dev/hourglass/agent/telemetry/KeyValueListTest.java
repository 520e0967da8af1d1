package dev.hourglass.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueListTest {

  @Test
  void readsPercentEncodedPairs() {
    Config config =
        Config.from(Map.of(), Map.of(), Map.of("OTEL_RESOURCE_ATTRIBUTES", "team=a%20b, region=eu"));

    assertThat(KeyValueList.parse(config, Settings.RESOURCE_ATTRIBUTES))
        .containsExactly(Map.entry("team", "a b"), Map.entry("region", "eu"));
    assertThat(config.problems()).isEmpty();
  }

  @Test
  void malformedEntriesAreSkipped_andListedOnceAsConfigProblems_withoutTheirValues() {
    Config config =
        Config.from(
            Map.of(),
            Map.of(),
            Map.of("OTEL_EXPORTER_OTLP_HEADERS", "api-key=%zzsecret,just-a-token,x=1"));

    Map<String, String> headers = KeyValueList.parse(config, Settings.OTLP_HEADERS);
    KeyValueList.parse(config, Settings.OTLP_HEADERS); // read again: no second report

    assertThat(headers).containsExactly(Map.entry("x", "1"));
    assertThat(config.problems())
        .containsExactly(
            "ignoring the entry for 'api-key' in OTEL_EXPORTER_OTLP_HEADERS"
                + " (otel.exporter.otlp.headers): its value is not valid percent-encoding (%XX)",
            "ignoring entry 2 of OTEL_EXPORTER_OTLP_HEADERS (otel.exporter.otlp.headers):"
                + " expected key=value,key=value (values percent-encoded)")
        .noneMatch(problem -> problem.contains("secret") || problem.contains("just-a-token"));
  }
}
