package dev.hourglass.agent.alerts;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.config.Settings;
import dev.hourglass.bootstrap.AgentLog;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where the rules come from, and the one place that changes them: the built-in defaults, the rules
 * file ({@code hourglass.alerts.file}) and configuration properties, merged in that order of rising
 * precedence (see {@link RuleSet}). Only rules that live in the file alone can be edited; built-in
 * and property rules are read-only, shown with their source.
 *
 * <p>The file may also be edited outside the agent while it runs. The later write wins, by
 * modification time: {@link #refreshIfChanged} (each interval) reloads a file that changed since
 * the agent last read or wrote it and logs so; {@link #save} and {@link #delete} re-read the file
 * before changing one rule, so an outside edit to the others survives. Thread-safe: every method
 * holds {@code lock}.
 */
public final class RuleStore {
  public static final String BUILT_IN = "built-in";
  public static final String FILE = "file";
  public static final String PROPERTY = "property";

  /** A change the store refuses, with the reason for people. */
  public static final class Refusal extends Exception {
    Refusal(String message) {
      super(message);
    }
  }

  /**
   * One rule as the dashboard lists it.
   *
   * @param sources where its fields come from ({@value #BUILT_IN}, {@value #FILE}, {@value
   *     #PROPERTY}), lowest precedence first
   * @param rule the parsed rule, or null when disabled or invalid ({@code problem} says why)
   */
  public record Entry(
      String name,
      Map<String, String> fields,
      List<String> sources,
      boolean editable,
      boolean enabled,
      Rule rule,
      String problem) {}

  private final Object lock = new Object();
  private final Map<String, Map<String, String>> defaults;
  private final Map<String, Map<String, String>> properties;
  private final List<String> propertyProblems = new ArrayList<>();
  private final RuleParser parser;
  private final RulesFile file;
  private Map<String, Map<String, String>> fileRules = new LinkedHashMap<>();
  private final List<String> fileProblems = new ArrayList<>();
  private FileTime seen;
  private RuleSet current;

  RuleStore(
      Map<String, Map<String, String>> defaults,
      Map<String, Map<String, String>> properties,
      List<String> propertyProblems,
      RuleParser parser,
      Path file) {
    this.defaults = defaults;
    this.properties = properties;
    this.propertyProblems.addAll(propertyProblems);
    this.parser = parser;
    this.file = file == null ? null : new RulesFile(file);
    synchronized (lock) {
      readFile();
      rebuild();
    }
  }

  /** The store for this configuration: defaults (unless turned off), the file, the properties. */
  public static RuleStore open(Config config, RuleParser parser) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, String>> properties =
        RuleSet.fromProperties(config.rawWithPrefix(RuleSet.RULE_PREFIX), problems);
    String path = config.get(Settings.ALERTS_FILE);
    return new RuleStore(
        config.get(Settings.ALERTS_DEFAULTS_ENABLED) ? DefaultRules.all() : Map.of(),
        properties,
        problems,
        parser,
        path == null || path.isBlank() ? null : Path.of(path.trim()));
  }

  public RuleSet current() {
    synchronized (lock) {
      return current;
    }
  }

  /** The rules file, or null when none is configured (then nothing can be edited). */
  public Path file() {
    return file == null ? null : file.path();
  }

  /** Reloads the file if it changed since the agent last read or wrote it; the new rules or null. */
  public RuleSet refreshIfChanged() {
    synchronized (lock) {
      if (file == null || !changedOnDisk()) {
        return null;
      }
      readFile();
      rebuild();
      AgentLog.info(
          "alert rules file " + file.path() + " changed outside the agent; reloaded it ("
              + current.rules().size() + " rules run from the next interval)");
      return current;
    }
  }

  /** The rule these fields make, as {@link #save} would check it, without saving anything. */
  public Rule parse(String name, Map<String, String> fields) throws Refusal {
    Map<String, String> rest = new LinkedHashMap<>(fields);
    rest.remove("enabled");
    try {
      return parser.parse(name, rest);
    } catch (InvalidRuleException e) {
      throw new Refusal(e.getMessage());
    }
  }

  /** Creates or replaces the file rule {@code name}; returns the rules that now run. */
  public RuleSet save(String name, Map<String, String> fields) throws Refusal {
    synchronized (lock) {
      checkEditable(name);
      Map<String, String> rest = new LinkedHashMap<>(fields);
      String enabled = rest.remove("enabled");
      if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
        throw new Refusal(new InvalidRuleException(name, "enabled", "expected true or false").getMessage());
      }
      try {
        parser.parse(name, rest);
      } catch (InvalidRuleException e) {
        throw new Refusal(e.getMessage());
      }
      Map<String, String> stored = new LinkedHashMap<>(rest);
      if ("false".equals(enabled)) {
        stored.put("enabled", "false");
      }
      return change(name, stored);
    }
  }

  /** Removes the file rule {@code name}; returns the rules that now run. */
  public RuleSet delete(String name) throws Refusal {
    synchronized (lock) {
      checkEditable(name);
      return change(name, null);
    }
  }

  /** Every rule with its source, in precedence order of first appearance. */
  public List<Entry> entries() {
    synchronized (lock) {
      List<Entry> entries = new ArrayList<>();
      merged().forEach(
          (name, fields) -> {
            List<String> sources = new ArrayList<>();
            if (defaults.containsKey(name)) {
              sources.add(BUILT_IN);
            }
            if (fileRules.containsKey(name)) {
              sources.add(FILE);
            }
            if (properties.containsKey(name)) {
              sources.add(PROPERTY);
            }
            boolean enabled = !"false".equalsIgnoreCase(fields.getOrDefault("enabled", "true").trim());
            Rule rule = null;
            String problem = null;
            Map<String, String> rest = new LinkedHashMap<>(fields);
            rest.remove("enabled");
            try {
              rule = parser.parse(name, rest);
            } catch (InvalidRuleException e) {
              problem = e.getMessage();
            }
            entries.add(
                new Entry(
                    name,
                    Map.copyOf(fields),
                    List.copyOf(sources),
                    file != null && sources.equals(List.of(FILE)),
                    enabled,
                    enabled ? rule : null,
                    problem));
          });
      return entries;
    }
  }

  private void checkEditable(String name) throws Refusal {
    if (file == null) {
      throw new Refusal("rules cannot be saved: set hourglass.alerts.file to a JSON file the agent may write");
    }
    if (defaults.containsKey(name)) {
      throw new Refusal("rule '" + name + "' is built in and read-only; change it with properties"
          + " (hourglass.alerts.rule." + name + ".<field>)");
    }
    if (properties.containsKey(name)) {
      throw new Refusal("rule '" + name + "' is set by properties (hourglass.alerts.rule." + name
          + ".*) and read-only");
    }
  }

  private RuleSet change(String name, Map<String, String> fields) throws Refusal {
    if (changedOnDisk()) {
      AgentLog.info(
          "alert rules file " + file.path() + " changed outside the agent; saving rule '" + name
              + "' onto the file as it is now");
    }
    readFile();
    Map<String, Map<String, String>> next = new LinkedHashMap<>(fileRules);
    if (fields == null) {
      if (next.remove(name) == null) {
        throw new Refusal("no rule '" + name + "' in " + file.path());
      }
    } else {
      next.put(name, fields);
    }
    try {
      seen = file.write(next);
    } catch (IOException e) {
      throw new Refusal("cannot write " + file.path() + ": " + AgentLog.describe(e));
    }
    fileRules = next;
    rebuild();
    return current;
  }

  private boolean changedOnDisk() {
    try {
      return !Objects.equals(file.modified(), seen);
    } catch (IOException e) {
      return false; // unreadable now: keep what runs
    }
  }

  private void readFile() {
    fileProblems.clear();
    if (file == null) {
      return;
    }
    try {
      seen = file.modified();
      fileRules = file.read(fileProblems);
    } catch (IOException | RuntimeException e) {
      fileRules = new LinkedHashMap<>();
      fileProblems.add(
          "the alert rules file " + file.path() + " is ignored (" + e.getMessage() + "); the other rules run");
    }
  }

  private Map<String, Map<String, String>> merged() {
    Map<String, Map<String, String>> fields = new LinkedHashMap<>();
    for (Map<String, Map<String, String>> layer : List.of(defaults, fileRules, properties)) {
      layer.forEach(
          (name, ruleFields) -> fields.computeIfAbsent(name, key -> new LinkedHashMap<>()).putAll(ruleFields));
    }
    return fields;
  }

  private void rebuild() {
    List<String> problems = new ArrayList<>(fileProblems);
    problems.addAll(propertyProblems);
    current = RuleSet.build(merged(), parser, problems);
  }

  /** The notifier names a rule may list, as the parser knows them; for the editor. */
  public Set<String> notifierNames() {
    return parser.notifierNames() == null ? Set.of() : new LinkedHashSet<>(parser.notifierNames());
  }
}
