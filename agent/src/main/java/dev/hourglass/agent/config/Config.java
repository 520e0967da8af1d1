package dev.hourglass.agent.config;

import dev.hourglass.bootstrap.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's configuration, read once at start. For each key the first source that has it wins:
 * agent arguments ({@code -javaagent:hourglass-agent.jar=key=value,key=value}), system properties,
 * environment variables ({@code hourglass.export.interval} is {@code
 * HOURGLASS_EXPORT_INTERVAL}), the file named by {@code hourglass.config}, then the default.
 * OpenTelemetry's standard keys ({@code otel.*} / {@code OTEL_*}) are read the same way.
 *
 * <p>A bad value never stops the application: it is reported once, naming the key, the value and
 * what is allowed, and the default is used. Immutable after construction; thread-safe.
 */
public final class Config {
  public static final String FILE_KEY = "hourglass.config";

  private static final int ENVIRONMENT = 2; // index of the environment in sources
  private static final int FILE = 3;

  private final List<Map<String, String>> sources; // highest precedence first
  private final Map<String, String> environmentNames; // key -> the variable it came from
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Object> parsed = new ConcurrentHashMap<>();

  private Config(List<Map<String, String>> sources, Map<String, String> environmentNames) {
    this.sources = sources;
    this.environmentNames = environmentNames;
  }

  /** Reads agent arguments, system properties, the environment and the optional file. */
  public static Config load(String agentArgs) {
    return from(parseArgs(agentArgs), systemProperties(), System.getenv());
  }

  /** Builds a config from explicit sources (tests use this); the file key is honoured. */
  public static Config from(
      Map<String, String> agentArgs, Map<String, String> systemProperties, Map<String, String> env) {
    List<Map<String, String>> sources = new ArrayList<>();
    sources.add(agentArgs);
    sources.add(systemProperties);
    sources.add(fromEnvironment(env));
    Map<String, String> environmentNames = new LinkedHashMap<>();
    env.keySet().stream()
        .filter(name -> name.startsWith("HOURGLASS_") || name.startsWith("OTEL_"))
        .forEach(name -> environmentNames.put(environmentKey(name), name));
    Config partial = new Config(List.copyOf(sources), environmentNames);
    String file = partial.raw(FILE_KEY);
    List<String> problems = new ArrayList<>();
    if (file != null && !file.isBlank()) {
      sources.add(readFile(file.trim(), problems));
    }
    Config config = new Config(List.copyOf(sources), environmentNames);
    config.problems.addAll(problems);
    return config;
  }

  /** The value of the setting; a bad value is reported once and the default returned. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    return (T) parsed.computeIfAbsent(setting.key(), key -> parse(setting));
  }

  private <T> Object parse(Setting<T> setting) {
    String raw = raw(setting.key());
    if (raw == null || raw.isBlank()) {
      return setting.defaultValue();
    }
    try {
      return setting.parse(raw);
    } catch (IllegalArgumentException invalid) {
      String shown =
          setting.secret()
              ? "(" + raw.length() + " characters, not shown: it may hold a credential)"
              : "'" + raw + "'";
      report(
          "invalid value "
              + shown
              + " for "
              + named(setting.key())
              + ": expected "
              + setting.allowed()
              + "; using the default ("
              + setting.defaultText()
              + ")");
      return setting.defaultValue();
    }
  }

  /**
   * The key as the user wrote it, for messages: {@code OTEL_METRIC_EXPORT_INTERVAL
   * (otel.metric.export.interval)} when the value came from the environment, else the key.
   */
  public String named(String key) {
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).containsKey(key)) {
        String variable = environmentNames.get(key);
        return i == ENVIRONMENT && variable != null ? variable + " (" + key + ")" : key;
      }
    }
    return key;
  }

  /**
   * Parses every setting now, so that each bad value is reported at start even when another
   * setting makes it unused (an endpoint overridden by the metrics endpoint).
   */
  public void validate(Collection<Setting<?>> settings) {
    settings.forEach(this::get);
  }

  /** The raw text for a key from the highest-precedence source that has it, or null. */
  public String raw(String key) {
    for (Map<String, String> source : sources) {
      String value = source.get(key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /**
   * Every key starting with {@code prefix} and its value from the highest-precedence source that
   * has it, for settings whose keys are open-ended (alert rules: {@code hourglass.alerts.rule.*}).
   */
  public Map<String, String> rawWithPrefix(String prefix) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = sources.size() - 1; i >= 0; i--) { // lowest precedence first, so higher ones win
      sources
          .get(i)
          .forEach(
              (key, value) -> {
                if (key.startsWith(prefix)) {
                  values.put(key, value);
                }
              });
    }
    return values;
  }

  /**
   * Warns about {@code hourglass.*} keys that no setting declares, naming the closest known key.
   * Keys of other tools ({@code otel.*}) are left alone, as are keys under {@link
   * Settings#OPEN_PREFIXES}, which their owners validate.
   */
  public void reportUnknownKeys(Collection<Setting<?>> known) {
    List<String> knownKeys = known.stream().map(Setting::key).toList();
    for (int i = 0; i < sources.size(); i++) {
      for (String key : sources.get(i).keySet()) {
        if (key.startsWith("hourglass.")
            && !knownKeys.contains(key)
            && !key.equals(FILE_KEY)
            && Settings.OPEN_PREFIXES.stream().noneMatch(key::startsWith)) {
          String nearest = NearestKey.of(key, knownKeys);
          String variable = environmentNames.get(key);
          report(
              i == ENVIRONMENT && variable != null
                  ? "unknown setting " + variable + " (ignored); did you mean "
                      + environmentName(nearest) + "?"
                  : "unknown setting " + key + " (ignored); did you mean " + nearest + "?");
        } else if (i == FILE && !key.startsWith("hourglass.") && !key.startsWith("otel.")) {
          // The file is the agent's own: a key without a prefix is a mistake, not another tool's.
          report(
              "unknown setting "
                  + key
                  + " in the config file (ignored): keys start with hourglass. or otel.; did you"
                  + " mean "
                  + NearestKey.of("hourglass." + key, knownKeys)
                  + "?");
        }
      }
    }
  }

  /** Every problem found so far (bad values, unknown keys, unreadable file). */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Records a problem with the configuration, found here or by whoever interprets a setting
   * further (a malformed entry in a list): warned once, listed by {@link #problems()}.
   */
  public synchronized void report(String problem) {
    if (!problems.contains(problem)) {
      problems.add(problem);
      AgentLog.warn(problem);
    }
  }

  static Map<String, String> parseArgs(String agentArgs) {
    Map<String, String> args = new LinkedHashMap<>();
    if (agentArgs == null || agentArgs.isBlank()) {
      return args;
    }
    for (String pair : agentArgs.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        AgentLog.warn("ignoring agent argument '" + pair + "': expected key=value");
        continue;
      }
      String key = pair.substring(0, eq).trim();
      if (!key.startsWith("hourglass.") && !key.startsWith("otel.")) {
        key = "hourglass." + key; // -javaagent:hourglass-agent.jar=export.interval=5s
      }
      args.put(key, pair.substring(eq + 1).trim());
    }
    return args;
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("hourglass.") || name.startsWith("otel.")) {
        props.put(name, System.getProperty(name));
      }
    }
    return props;
  }

  /** {@code HOURGLASS_EXPORT_INTERVAL} → {@code hourglass.export.interval}; same for OTEL_*. */
  static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> keys = new LinkedHashMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith("HOURGLASS_") || name.startsWith("OTEL_")) {
            keys.put(environmentKey(name), value);
          }
        });
    return keys;
  }

  private static String environmentKey(String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static Map<String, String> readFile(String file, List<String> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    Properties properties = new Properties();
    // Path.of is inside: a name that is no path (a NUL, unmappable characters) is just unreadable.
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      String problem =
          "cannot read the config file " + file + " (" + AgentLog.describe(e) + "); using the other sources";
      problems.add(problem);
      AgentLog.warn(problem);
      return values;
    }
    for (String key : properties.stringPropertyNames()) {
      values.put(key.trim(), properties.getProperty(key));
    }
    return values;
  }
}
