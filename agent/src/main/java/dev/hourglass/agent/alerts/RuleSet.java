package dev.hourglass.agent.alerts;

import dev.hourglass.agent.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that run, gathered from the built-in defaults, the JSON file ({@code
 * hourglass.alerts.file}) and configuration keys {@code hourglass.alerts.rule.<name>.<field>}, in
 * rising precedence. A later source overrides single fields of a rule of the same name; {@code
 * enabled=false} removes it. Each rule that cannot run is reported by name and field and left out;
 * the others run. Immutable.
 *
 * @param problems one line per rule or source left out, for the log and {@code /api/health}
 */
public record RuleSet(List<Rule> rules, List<String> problems) {
  public static final String RULE_PREFIX = "hourglass.alerts.rule.";

  public RuleSet {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
  }

  public static RuleSet load(Config config, RuleParser parser) {
    return RuleStore.open(config, parser).current();
  }

  /** Parses each rule's fields; exposed for tests. */
  static RuleSet build(
      Map<String, Map<String, String>> fields, RuleParser parser, List<String> problems) {
    List<Rule> rules = new ArrayList<>();
    fields.forEach(
        (name, ruleFields) -> {
          String enabled = ruleFields.getOrDefault("enabled", "true").trim();
          if (enabled.equalsIgnoreCase("false")) {
            return;
          }
          if (!enabled.equalsIgnoreCase("true")) {
            problems.add(
                new InvalidRuleException(name, "enabled", "expected true or false, got '" + enabled + "'")
                    .getMessage());
            return;
          }
          Map<String, String> rest = new LinkedHashMap<>(ruleFields);
          rest.remove("enabled");
          try {
            rules.add(parser.parse(name, rest));
          } catch (InvalidRuleException e) {
            problems.add(e.getMessage());
          }
        });
    return new RuleSet(rules, problems);
  }

  /** {@code hourglass.alerts.rule.http.p95.warning.above} → rule {@code http.p95.warning}, field {@code above}. */
  static Map<String, Map<String, String>> fromProperties(
      Map<String, String> keys, List<String> problems) {
    Map<String, Map<String, String>> rules = new LinkedHashMap<>();
    keys.forEach(
        (key, value) -> {
          String rest = key.substring(RULE_PREFIX.length());
          int dot = rest.lastIndexOf('.');
          if (dot <= 0 || dot == rest.length() - 1) {
            problems.add(
                "setting " + key + " is ignored: expected " + RULE_PREFIX + "<rule name>.<field>");
            return;
          }
          rules.computeIfAbsent(rest.substring(0, dot), name -> new LinkedHashMap<>())
              .put(rest.substring(dot + 1), value);
        });
    return rules;
  }
}
