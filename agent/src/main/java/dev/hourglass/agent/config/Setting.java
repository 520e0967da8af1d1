package dev.hourglass.agent.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its name, default, parser and what it accepts. Parsers throw {@link
 * IllegalArgumentException} with the allowed values; {@link Config} turns that into one clear line
 * naming the key and the value, and falls back to the default.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
  private final String key;
  private final T defaultValue;
  private final String allowed;
  private final String description;
  private final Function<String, T> parser;
  private final boolean secret;
  private final String defaultText;

  private Setting(
      String key, T defaultValue, String allowed, String description, Function<String, T> parser) {
    this(key, defaultValue, allowed, description, parser, false,
        defaultValue == null ? "none" : String.valueOf(defaultValue));
  }

  private Setting(
      String key,
      T defaultValue,
      String allowed,
      String description,
      Function<String, T> parser,
      boolean secret,
      String defaultText) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.allowed = allowed;
    this.description = description;
    this.parser = parser;
    this.secret = secret;
    this.defaultText = defaultText;
  }

  /** This setting, with its default described as {@code text} in messages (a derived default). */
  public Setting<T> withDefaultText(String text) {
    return new Setting<>(key, defaultValue, allowed, description, parser, secret, text);
  }

  /** The default as messages show it: {@code 10s}, {@code none}, or a description. */
  public String defaultText() {
    return defaultText;
  }

  /**
   * True when values may carry a credential (webhook URLs embed their token), so messages about a
   * bad value must not repeat it.
   */
  public boolean secret() {
    return secret;
  }

  public String key() {
    return key;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** What values are accepted, for messages and the README's configuration table. */
  public String allowed() {
    return allowed;
  }

  public String description() {
    return description;
  }

  T parse(String raw) {
    return parser.apply(raw.trim());
  }

  public static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
    return new Setting<>(
        key,
        defaultValue,
        "true or false",
        description,
        raw -> {
          if (raw.equalsIgnoreCase("true")) {
            return true;
          }
          if (raw.equalsIgnoreCase("false")) {
            return false;
          }
          throw new IllegalArgumentException("true or false");
        });
  }

  public static Setting<Integer> integer(
      String key, int defaultValue, int min, int max, String description) {
    String allowed = "an integer from " + min + " to " + max;
    return new Setting<>(
        key,
        defaultValue,
        allowed,
        description,
        raw -> {
          int value;
          try {
            value = Integer.parseInt(raw);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(allowed);
          }
          if (value < min || value > max) {
            throw new IllegalArgumentException(allowed);
          }
          return value;
        });
  }

  /** A duration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 30d}, or a bare number of ms. */
  public static Setting<Duration> duration(
      String key, Duration defaultValue, Duration min, Duration max, String description) {
    String kind = "a duration such as 500ms, 10s, 2m, 30d (bare numbers are milliseconds)";
    return ranged(key, defaultValue, min, max, description, kind, Durations::parse, Durations::format);
  }

  /** A size in bytes: {@code 500MB}, {@code 2GB}, {@code 64KB} or a bare number of bytes. */
  public static Setting<Long> bytes(
      String key, long defaultValue, long min, long max, String description) {
    String kind = "a size such as 64KB, 500MB, 2GB (bare numbers are bytes)";
    Function<String, Long> parse = raw -> ByteSizes.parse(raw) < 0 ? null : ByteSizes.parse(raw);
    return ranged(key, defaultValue, min, max, description, kind, parse, ByteSizes::format);
  }

  /** A value from {@code min} to {@code max}; {@code parse} answers null for text that is none. */
  private static <T extends Comparable<T>> Setting<T> ranged(
      String key,
      T defaultValue,
      T min,
      T max,
      String description,
      String kind,
      Function<String, T> parse,
      Function<T, String> format) {
    String allowed = kind + " from " + format.apply(min) + " to " + format.apply(max);
    return new Setting<>(
            key,
            defaultValue,
            allowed,
            description,
            raw -> {
              T value = parse.apply(raw);
              if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(allowed);
              }
              return value;
            })
        .withDefaultText(defaultValue == null ? "none" : format.apply(defaultValue));
  }

  /** An absolute {@code http} or {@code https} URL; {@linkplain #secret() secret}, as URLs hold tokens. */
  public static Setting<java.net.URI> url(String key, String description) {
    String allowed = "an absolute http:// or https:// URL";
    return new Setting<java.net.URI>(
        key,
        null,
        allowed,
        description,
        raw -> {
          java.net.URI uri;
          try {
            uri = new java.net.URI(raw);
          } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(allowed);
          }
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(allowed);
          }
          return uri;
        },
        true,
        "none");
  }

  public static Setting<String> string(String key, String defaultValue, String description) {
    return new Setting<>(key, defaultValue, "any text", description, raw -> raw);
  }

  /** One of a fixed set of words, matched case-insensitively and returned in lower case. */
  public static Setting<String> oneOf(
      String key, String defaultValue, String description, String... values) {
    List<String> valid = Arrays.asList(values);
    String allowed = "one of " + String.join(", ", valid);
    return new Setting<>(
        key,
        defaultValue,
        allowed,
        description,
        raw -> {
          String value = raw.toLowerCase(Locale.ROOT);
          if (!valid.contains(value)) {
            throw new IllegalArgumentException(allowed);
          }
          return value;
        });
  }

  /** A comma-separated list whose every item is one of {@code values}. */
  public static Setting<List<String>> listOf(
      String key, List<String> defaultValue, String description, String... values) {
    List<String> valid = Arrays.asList(values);
    String allowed = "a comma-separated list of " + String.join(", ", valid);
    return new Setting<>(
        key,
        defaultValue,
        allowed,
        description,
        raw -> {
          List<String> items =
              Arrays.stream(raw.split(","))
                  .map(item -> item.trim().toLowerCase(Locale.ROOT))
                  .filter(item -> !item.isEmpty())
                  .toList();
          if (items.isEmpty() || !valid.containsAll(items)) {
            throw new IllegalArgumentException(allowed);
          }
          return items;
        });
  }

  @Override
  public String toString() {
    return key;
  }
}
