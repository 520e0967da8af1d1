package dev.hourglass.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

  @Test
  void agentArgumentsWinOverSystemPropertiesOverEnvironmentOverFileOverDefaults(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("hourglass.properties");
    Files.writeString(file, "hourglass.series.cap=40\nhourglass.series.idle.intervals=7\n");
    Config config =
        Config.from(
            Config.parseArgs("series.cap=10"),
            Map.of("hourglass.series.cap", "20", "hourglass.config", file.toString()),
            Map.of("HOURGLASS_SERIES_CAP", "30", "HOURGLASS_LOG_LEVEL", "warn"));

    assertThat(config.get(Settings.SERIES_CAP)).isEqualTo(10);
    assertThat(config.get(Settings.LOG_LEVEL)).isEqualTo("warn");
    assertThat(config.get(Settings.SERIES_IDLE_INTERVALS)).isEqualTo(7);
    assertThat(config.get(Settings.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.problems()).isEmpty();
  }

  @Test
  void standardOtelEnvironmentVariablesAreRead() {
    Config config =
        Config.from(
            Map.of(),
            Map.of(),
            Map.of(
                "OTEL_METRIC_EXPORT_INTERVAL", "2500",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
                "OTEL_METRICS_EXPORTER", "console, otlp"));

    assertThat(config.get(Settings.EXPORT_INTERVAL)).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.get(Settings.OTLP_PROTOCOL)).isEqualTo("grpc");
    assertThat(config.get(Settings.EXPORTERS)).containsExactly("console", "otlp");
  }

  @Test
  void badValueNamesKeyValueAndAllowedValuesAndFallsBackToDefault() {
    Config config =
        Config.from(
            Map.of(),
            Map.of("hourglass.series.cap", "lots", "otel.exporter.otlp.protocol", "carrier-pigeon"),
            Map.of());

    assertThat(config.get(Settings.SERIES_CAP)).isEqualTo(1000);
    assertThat(config.get(Settings.OTLP_PROTOCOL)).isEqualTo("http/protobuf");
    assertThat(config.problems())
        .containsExactlyInAnyOrder(
            "invalid value 'lots' for hourglass.series.cap: expected an integer from 1 to 100000;"
                + " using the default (1000)",
            "invalid value 'carrier-pigeon' for otel.exporter.otlp.protocol: expected one of"
                + " http/protobuf, grpc; using the default (http/protobuf)");
  }

  @Test
  void badOtelEnvironmentValuesAreNamedAsTheVariableWithTheValidValuesAndTheDefault() {
    Config config =
        Config.from(
            Map.of(),
            Map.of(),
            Map.of(
                "OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon",
                "OTEL_METRIC_EXPORT_INTERVAL", "-5",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "not a url"));

    config.validate(Settings.all());

    assertThat(config.get(Settings.OTLP_PROTOCOL)).isEqualTo("http/protobuf");
    assertThat(config.get(Settings.EXPORT_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.get(Settings.OTLP_ENDPOINT)).isNull();
    assertThat(config.problems())
        .containsExactlyInAnyOrder(
            "invalid value 'carrier-pigeon' for OTEL_EXPORTER_OTLP_PROTOCOL"
                + " (otel.exporter.otlp.protocol): expected one of http/protobuf, grpc; using the"
                + " default (http/protobuf)",
            "invalid value '-5' for OTEL_METRIC_EXPORT_INTERVAL (otel.metric.export.interval):"
                + " expected a duration such as 500ms, 10s, 2m, 30d (bare numbers are milliseconds)"
                + " from 100ms to 1h; using the default (10s)",
            "invalid value (9 characters, not shown: it may hold a credential) for"
                + " OTEL_EXPORTER_OTLP_ENDPOINT (otel.exporter.otlp.endpoint): expected an absolute"
                + " http:// or https:// URL; using the default (http://localhost:4318, or :4317"
                + " for grpc)");
  }

  @Test
  void validateReportsABadValueEvenWhenAnotherSettingMakesItUnused() {
    Config config =
        Config.from(
            Map.of(),
            Map.of(
                "otel.exporter.otlp.endpoint", "collector:4318",
                "otel.exporter.otlp.metrics.endpoint", "http://collector:4318/v1/metrics"),
            Map.of());

    config.validate(Settings.all());

    assertThat(config.problems()).singleElement().asString().contains("otel.exporter.otlp.endpoint");
  }

  @Test
  void unknownEnvironmentVariableIsNamedWithTheNearestVariable() {
    Config config = Config.from(Map.of(), Map.of(), Map.of("HOURGLASS_SERIES_CAPP", "5"));

    config.reportUnknownKeys(Settings.all());

    assertThat(config.problems())
        .containsExactly("unknown setting HOURGLASS_SERIES_CAPP (ignored); did you mean HOURGLASS_SERIES_CAP?");
  }

  @Test
  void keyWithoutPrefixInTheConfigFileIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hourglass.properties");
    Files.writeString(file, "series.cap=40\nhourglass.series.idle.intervals=7\n");
    Config config = Config.from(Map.of(), Map.of("hourglass.config", file.toString()), Map.of());

    config.reportUnknownKeys(Settings.all());

    assertThat(config.get(Settings.SERIES_CAP)).isEqualTo(1000);
    assertThat(config.get(Settings.SERIES_IDLE_INTERVALS)).isEqualTo(7);
    assertThat(config.problems())
        .containsExactly(
            "unknown setting series.cap in the config file (ignored): keys start with hourglass."
                + " or otel.; did you mean hourglass.series.cap?");
  }

  @Test
  void badWebhookUrlIsNamedWithoutRepeatingTheTokenItHolds() {
    Config config =
        Config.from(
            Map.of(),
            Map.of("hourglass.alerts.slack.url", "hooks.slack.com/services/T0/B0/xoxb-s3cret"),
            Map.of());

    assertThat(config.get(Settings.ALERTS_SLACK_URL)).isNull();
    assertThat(config.problems())
        .containsExactly(
            "invalid value (42 characters, not shown: it may hold a credential) for"
                + " hourglass.alerts.slack.url: expected an absolute http:// or https:// URL;"
                + " using the default (none)");
  }

  @Test
  void durationsAcceptUnitsAndRejectGarbage() {
    Config config =
        Config.from(
            Map.of(),
            Map.of("otel.metric.export.interval", "1m", "hourglass.shutdown.timeout", "5 parsecs"),
            Map.of());

    assertThat(config.get(Settings.EXPORT_INTERVAL)).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.get(Settings.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.problems()).singleElement().asString().contains("hourglass.shutdown.timeout");
  }

  @Test
  void unknownKeyIsReportedWithTheNearestKnownKey() {
    Config config = Config.from(Map.of(), Map.of("hourglass.series.capp", "5"), Map.of());

    config.reportUnknownKeys(Settings.all());

    assertThat(config.problems())
        .containsExactly(
            "unknown setting hourglass.series.capp (ignored); did you mean hourglass.series.cap?");
  }

  @Test
  void unreadableConfigFileIsReportedAndOtherSourcesStillApply(@TempDir Path dir) {
    Config config =
        Config.from(
            Map.of(),
            Map.of("hourglass.config", dir.resolve("missing.properties").toString()),
            Map.of("HOURGLASS_SERIES_CAP", "12"));

    assertThat(config.get(Settings.SERIES_CAP)).isEqualTo(12);
    assertThat(config.problems()).singleElement().asString().startsWith("cannot read the config file");
  }

  @Test
  void everySettingKeyMapsToOneEnvironmentVariable() {
    List<String> keys = Settings.all().stream().map(Setting::key).toList();
    assertThat(keys).allMatch(key -> key.matches("[a-z0-9.]+"), "dots and lower case only");
    assertThat(keys).doesNotHaveDuplicates();
  }
}
