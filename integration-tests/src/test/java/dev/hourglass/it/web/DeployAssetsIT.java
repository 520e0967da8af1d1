package dev.hourglass.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/: the alert rules pass promtool's checks and unit tests; the Grafana dashboard parses. */
class DeployAssetsIT {
  private static String run(Path directory, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
    return output;
  }

  @Test
  void alertRules_passPromtoolCheckAndUnitTests() throws Exception {
    Path prometheus = DeployAssets.dir().resolve("prometheus");
    assertThat(run(prometheus, "promtool", "check", "rules", "alert-rules.yml"))
        .contains("SUCCESS: 12 rules found");
    assertThat(run(prometheus, "promtool", "test", "rules", "alert-rules.test.yml")).contains("SUCCESS");
    assertThat(run(prometheus, "promtool", "check", "config", "prometheus.yml")).contains("SUCCESS");
  }

  @Test
  void grafanaDashboard_parsesAndQueriesTheAgentsMetricNames() throws Exception {
    List<String> expressions = DeployAssets.grafanaExpressions();

    assertThat(expressions).hasSizeGreaterThan(15).allSatisfy(expr -> assertThat(expr).isNotBlank());
    assertThat(String.join("\n", expressions))
        .contains("http_server_request_duration_quantiles_seconds")
        .contains("http_server_request_duration_seconds_bucket")
        .contains("db_client_operation_duration_seconds_bucket")
        .contains("http_client_request_duration_seconds_bucket")
        .contains("hourglass_cache_requests_total");
    Map<String, Object> dashboard =
        Json.object(java.nio.file.Files.readString(DeployAssets.dir().resolve("grafana/hourglass-dashboard.json")));
    assertThat(dashboard.get("uid")).isEqualTo("hourglass-overview");
  }
}
