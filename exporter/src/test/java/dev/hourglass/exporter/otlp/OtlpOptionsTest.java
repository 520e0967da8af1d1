package dev.hourglass.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpOptionsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://collector:4318/v1/metrics | https://collector:4318/v1/metrics",
        "https://user:s3cret@collector.example.com/v1/metrics?api-key=s3cret#s3cret"
            + " | https://collector.example.com/v1/metrics",
        "http://localhost:4317 | http://localhost:4317",
      })
  void endpointForLog_keepsWhereButNeverCredentials(String endpoint, String logged) {
    OtlpOptions options =
        new OtlpOptions(
            OtlpOptions.HTTP_PROTOBUF, endpoint, Map.of(), Duration.ofSeconds(1), "gzip", false,
            false, 1);

    assertThat(options.endpointForLog()).isEqualTo(logged);
  }
}
