package dev.hourglass.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.agent.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetTest {
  private static final RuleParser PARSER = new RuleParser(Duration.ofSeconds(10), Duration.ofHours(1));

  @TempDir Path dir;

  private static Config config(Map<String, String> properties) {
    return Config.from(Map.of(), properties, Map.of());
  }

  private static Rule rule(RuleSet set, String name) {
    return set.rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void defaults_allParseWithTheDocumentedThresholds() {
    RuleSet set = RuleSet.load(config(Map.of()), PARSER);

    assertThat(set.problems()).isEmpty();
    assertThat(set.rules())
        .extracting(Rule::name)
        .containsExactly(
            "http.p95.warning", "http.p95.critical", "http.errors.warning", "http.errors.critical",
            "db.p95.warning", "db.slow.queries", "http.client.ratelimit", "errors.new",
            "errors.spike", "cache.hit.ratio",
            "jvm.heap", "jvm.cpu");
    Rule p95 = rule(set, "http.p95.warning");
    assertThat(p95.condition()).isEqualTo("p95(http.server.request.duration) by http.route > 300 ms");
    assertThat(p95.threshold()).isEqualTo(0.3);
    assertThat(p95.clearThreshold()).isEqualTo(0.27, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p95.forIntervals()).isEqualTo(2);
    assertThat(p95.recoverIntervals()).isEqualTo(2);
    assertThat(p95.minSamples()).isEqualTo(10);
    assertThat(rule(set, "http.p95.critical").threshold()).isEqualTo(1.0);
    assertThat(rule(set, "http.p95.critical").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rule(set, "http.errors.warning").threshold()).isEqualTo(0.01);
    assertThat(rule(set, "http.errors.critical").threshold()).isEqualTo(0.05);
    assertThat(rule(set, "db.p95.warning").threshold()).isEqualTo(0.1);
    assertThat(rule(set, "db.slow.queries").signal().overSeconds()).isEqualTo(0.5);
    assertThat(rule(set, "db.slow.queries").minSamples()).isEqualTo(0);
    assertThat(rule(set, "http.client.ratelimit").threshold()).isEqualTo(0.9);
    assertThat(rule(set, "jvm.heap").threshold()).isEqualTo(0.9);
    assertThat(rule(set, "jvm.heap").where()).isEqualTo(Map.of("jvm.memory.type", "heap"));
    assertThat(rule(set, "jvm.cpu").threshold()).isEqualTo(0.8);
  }

  @Test
  void malformedRule_isRejectedByNameAndField_whileTheOthersStillLoad() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("hourglass.alerts.defaults.enabled", "false");
    properties.put("hourglass.alerts.rule.checkout.slow.metric", "http.server.request.duration");
    properties.put("hourglass.alerts.rule.checkout.slow.signal", "p99");
    properties.put("hourglass.alerts.rule.checkout.slow.above", "fast");
    properties.put("hourglass.alerts.rule.orders.p95.metric", "http.server.request.duration");
    properties.put("hourglass.alerts.rule.orders.p95.signal", "p95");
    properties.put("hourglass.alerts.rule.orders.p95.above", "250ms");

    RuleSet set = RuleSet.load(config(properties), PARSER);

    assertThat(set.rules()).extracting(Rule::name).containsExactly("orders.p95");
    assertThat(set.problems())
        .containsExactly(
            "alert rule 'checkout.slow' is ignored: field 'above': expected a duration such as"
                + " 300ms or 1.5s, got 'fast'");
  }

  @Test
  void eachField_isCheckedAndNamed() {
    assertProblem(Map.of("signal", "p95", "above", "1s"), "metric", "missing");
    assertProblem(Map.of("metric", "m", "signal", "p95"), "above", "give exactly one of 'above' and 'below'");
    assertProblem(
        Map.of("metric", "m", "signal", "p95", "above", "1s", "below", "2s"),
        "above",
        "give exactly one of 'above' and 'below'");
    assertProblem(
        Map.of("metric", "m", "signal", "error_ratio", "above", "300ms"),
        "above",
        "expected a percentage such as 5% or a fraction such as 0.05, got a duration '300ms'");
    assertProblem(
        Map.of("metric", "m", "signal", "p95", "above", "1s", "clear", "2s"),
        "clear",
        "must not be past the threshold (above)");
    assertProblem(
        Map.of("metric", "m", "signal", "p95", "above", "1s", "severity", "page"),
        "severity",
        "expected warning or critical, got 'page'");
    assertProblem(
        Map.of("metric", "m", "signal", "p95", "above", "1s", "for", "0"),
        "for",
        "expected a number of intervals from 1 to 10000 or a duration such as 30s, got '0'");
    assertProblem(
        Map.of("metric", "m", "signal", "p95", "above", "1s", "samples", "-1"),
        "samples",
        "expected a non-negative whole number, got '-1'");
    assertProblem(
        Map.of("metric", "m", "signal", "p95", "above", "1s", "where", "http.route"),
        "where",
        "expected attribute=pattern[,attribute=pattern], got 'http.route'");
    assertThatThrownBy(() -> PARSER.parse("r", Map.of("metric", "m", "signal", "p95", "abov", "1s")))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageStartingWith("alert rule 'r' is ignored: field 'abov': unknown field;");
    assertThatThrownBy(() -> PARSER.parse("r", Map.of("metric", "m", "signal", "p42x", "above", "1")))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageStartingWith("alert rule 'r' is ignored: field 'signal': expected one of p50,");
  }

  private static void assertProblem(Map<String, String> fields, String field, String problem) {
    assertThatThrownBy(() -> PARSER.parse("r", fields))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessage("alert rule 'r' is ignored: field '" + field + "': " + problem)
        .extracting(e -> ((InvalidRuleException) e).field())
        .isEqualTo(field);
  }

  @Test
  void forAsDuration_isRoundedUpToWholeIntervals() throws InvalidRuleException {
    Rule rule =
        PARSER.parse("r", Map.of("metric", "m", "signal", "p95", "above", "1s", "for", "25s"));

    assertThat(rule.forIntervals()).isEqualTo(3);
  }

  @Test
  void properties_overrideOneFieldOfADefault_orTurnItOff() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("hourglass.alerts.rule.http.p95.warning.above", "500ms");
    properties.put("hourglass.alerts.rule.jvm.cpu.enabled", "false");

    RuleSet set = RuleSet.load(config(properties), PARSER);

    assertThat(set.problems()).isEmpty();
    assertThat(rule(set, "http.p95.warning").threshold()).isEqualTo(0.5);
    assertThat(rule(set, "http.p95.warning").by()).containsExactly("http.route");
    assertThat(set.rules()).extracting(Rule::name).doesNotContain("jvm.cpu");
  }

  @Test
  void environmentVariables_nameRulesWithDots() {
    Config config =
        Config.from(
            Map.of(),
            Map.of(),
            Map.of(
                "HOURGLASS_ALERTS_DEFAULTS_ENABLED", "false",
                "HOURGLASS_ALERTS_RULE_API_ERRORS_METRIC", "http.server.request.duration",
                "HOURGLASS_ALERTS_RULE_API_ERRORS_SIGNAL", "error_ratio",
                "HOURGLASS_ALERTS_RULE_API_ERRORS_ABOVE", "2%"));

    RuleSet set = RuleSet.load(config, PARSER);

    assertThat(set.rules()).extracting(Rule::name).containsExactly("api.errors");
    assertThat(set.rules().get(0).threshold()).isEqualTo(0.02);
  }

  @Test
  void jsonFile_rulesLoad_andABadOneIsNamedWhileTheOthersRun() throws IOException {
    Path file = dir.resolve("alerts.json");
    Files.writeString(
        file,
        """
        {"rules": [
          {"name": "checkout.p99", "metric": "http.server.request.duration", "signal": "p99",
           "where": {"http.route": "/checkout*"}, "by": ["http.route", "http.request.method"],
           "above": "800ms", "for": 3, "severity": "critical", "samples": 50},
          {"name": "broken", "metric": "db.client.operation.duration", "signal": "p95", "above": "1s",
           "for": "soon"},
          {"metric": "no.name"},
          {"name": "http.p95.warning", "above": "400ms"}
        ]}
        """);
    Config config =
        config(Map.of("hourglass.alerts.file", file.toString(), "hourglass.alerts.defaults.enabled", "true"));

    RuleSet set = RuleSet.load(config, PARSER);

    Rule checkout = rule(set, "checkout.p99");
    assertThat(checkout.condition())
        .isEqualTo(
            "p99(http.server.request.duration) where {http.route=/checkout*}"
                + " by http.route,http.request.method > 800 ms");
    assertThat(checkout.forIntervals()).isEqualTo(3);
    assertThat(checkout.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(checkout.minSamples()).isEqualTo(50);
    assertThat(rule(set, "http.p95.warning").threshold()).isEqualTo(0.4);
    assertThat(set.rules()).extracting(Rule::name).doesNotContain("broken");
    assertThat(set.problems())
        .containsExactly(
            file + " rule #3 is ignored: field 'name': missing",
            "alert rule 'broken' is ignored: field 'for': expected a number of intervals from 1 to"
                + " 10000 or a duration such as 30s, got 'soon'");
  }

  @Test
  void unreadableJsonFile_isReported_andTheDefaultsStillRun() throws IOException {
    Path file = dir.resolve("alerts.json");
    Files.writeString(file, "{\"rules\": [ {\"name\": ");

    RuleSet set = RuleSet.load(config(Map.of("hourglass.alerts.file", file.toString())), PARSER);

    assertThat(set.rules()).hasSize(12);
    assertThat(set.problems()).hasSize(1);
    assertThat(set.problems().get(0))
        .startsWith("the alert rules file " + file + " is ignored (")
        .endsWith("); the other rules run");
  }

  @Test
  void ruleKeys_areNotReportedAsUnknownSettings() {
    Config config =
        config(
            Map.of(
                "hourglass.alerts.rule.x.metric", "m",
                "hourglass.alerts.webhok.url", "http://localhost/"));

    config.reportUnknownKeys(dev.hourglass.agent.config.Settings.all());

    assertThat(config.problems())
        .containsExactly(
            "unknown setting hourglass.alerts.webhok.url (ignored); did you mean"
                + " hourglass.alerts.webhook.url?");
  }

  @Test
  void badRuleKey_withoutAField_isReported() {
    List<String> problems = new ArrayList<>();

    RuleSet.fromProperties(Map.of("hourglass.alerts.rule.lonely", "x"), problems);

    assertThat(problems)
        .containsExactly(
            "setting hourglass.alerts.rule.lonely is ignored: expected"
                + " hourglass.alerts.rule.<rule name>.<field>");
  }
}
