package dev.hourglass.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Configuration is untrusted input read inside someone else's process: whatever text arrives, from
 * whichever source, nothing escapes the parser, every setting comes out as a valid value or its
 * default, and every complaint names the key it is about.
 */
class ConfigFuzzTest {

  @Property(tries = 300)
  void anyValueOfAnySettingYieldsAValidValueOrTheDefault(
      @ForAll("settings") Setting<?> setting, @ForAll("hostileText") String value) {
    Config config = Config.from(Map.of(), Map.of(setting.key(), value), Map.of());

    Object parsed = config.get(setting);

    if (value.isBlank()) {
      assertThat(parsed).isEqualTo(setting.defaultValue());
    } else if (config.problems().isEmpty()) {
      assertThat(parsed).isEqualTo(setting.parse(value));
    } else {
      assertThat(parsed).isEqualTo(setting.defaultValue());
      assertThat(config.problems()).singleElement().asString().contains(setting.key());
    }
  }

  @Property(tries = 100)
  void aBadValueOfASecretSettingIsNeverRepeated(
      @ForAll("secretSettings") Setting<?> setting, @ForAll("hostileText") String value) {
    String planted = "s3cret-" + value;
    Config config = Config.from(Map.of(), Map.of(setting.key(), planted), Map.of());

    config.get(setting);

    assertThat(config.problems()).allSatisfy(problem -> assertThat(problem).doesNotContain("s3cret-"));
  }

  @Property(tries = 200)
  void durationsOfAnySizeOrShapeNeverEscapeTheParser(
      @ForAll("durationText") String value) {
    Config config = Config.from(Map.of(), Map.of(), Map.of("OTEL_METRIC_EXPORT_INTERVAL", value));

    assertThat(config.get(Settings.EXPORT_INTERVAL)).isNotNull();
    config.problems().forEach(problem -> assertThat(problem).contains("otel.metric.export.interval"));
  }

  @Property(tries = 200)
  void anySourcesWithAnyKeysBuildAConfig(
      @ForAll @Size(max = 6) Map<@From("keys") String, @From("hostileText") String> properties,
      @ForAll("hostileText") String agentArgs,
      @ForAll("hostileText") String configFile) {
    Map<String, String> system = new LinkedHashMap<>(properties);
    system.put(Config.FILE_KEY, configFile);

    Config config = Config.from(Config.parseArgs(agentArgs), system, Map.of("OTEL_SERVICE_NAME", "x"));

    for (Setting<?> setting : Settings.all()) {
      config.get(setting);
    }
    config.reportUnknownKeys(Settings.all());
    assertThat(config.problems()).allSatisfy(problem -> assertThat(problem).isNotBlank());
  }

  @Property(tries = 200)
  void anyConfigFileContentBuildsAConfigAndEveryComplaintNamesAKeyOrTheFile(
      @ForAll("fileContent") String content) throws Exception {
    Path file = Files.createTempFile("hourglass", ".properties");
    try {
      Files.write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Config config = Config.from(Map.of(), Map.of(Config.FILE_KEY, file.toString()), Map.of());

      config.validate(Settings.all());
      config.reportUnknownKeys(Settings.all());

      assertThat(config.problems())
          .allSatisfy(problem -> assertThat(problem).containsAnyOf(
              "cannot read the config file " + file, " for hourglass.", " for otel.",
              "unknown setting "));
    } finally {
      Files.delete(file);
    }
  }

  @Property(tries = 200)
  void anyEnvironmentBuildsAConfigAndEveryComplaintNamesTheVariable(
      @ForAll @Size(max = 5) Map<@From("variables") String, @From("hostileText") String> env) {
    Config config = Config.from(Map.of(), Map.of(), env);

    config.validate(Settings.all());
    config.reportUnknownKeys(Settings.all());

    assertThat(config.problems())
        .allSatisfy(problem -> assertThat(env.keySet()).anyMatch(problem::contains));
  }

  @Example
  void aConfigFileThatCannotBeReadIsNamedAndTheOtherSourcesStillApply() throws Exception {
    // A directory where the file should be: unreadable even for root, unlike a chmod 000 file.
    Path directory = Files.createTempDirectory("hourglass.properties");

    Config config =
        Config.from(
            Map.of(),
            Map.of(Config.FILE_KEY, directory.toString(), "hourglass.series.cap", "77"),
            Map.of());

    assertThat(config.get(Settings.SERIES_CAP)).isEqualTo(77);
    assertThat(config.problems())
        .singleElement()
        .asString()
        .startsWith("cannot read the config file " + directory);
    Files.delete(directory);
  }

  @Example
  void aConfigFileNameThatIsNoPathIsNamedAndTheOtherSourcesStillApply() {
    Config config =
        Config.from(
            Map.of(), Map.of(Config.FILE_KEY, "bad\u0000name", "hourglass.series.cap", "77"), Map.of());

    assertThat(config.get(Settings.SERIES_CAP)).isEqualTo(77);
    assertThat(config.problems()).singleElement().asString().startsWith("cannot read the config file");
  }

  @Example
  void anUnknownKeyIsNamedWithTheNearestKnownOne() {
    Config config = Config.from(Map.of(), Map.of("hourglass.series.capp", "5"), Map.of());

    config.reportUnknownKeys(Settings.all());

    assertThat(config.problems())
        .containsExactly("unknown setting hourglass.series.capp (ignored); did you mean hourglass.series.cap?");
  }

  @Provide
  Arbitrary<Setting<?>> settings() {
    List<Setting<?>> all = Settings.all();
    return Arbitraries.of(all);
  }

  @Provide
  Arbitrary<Setting<?>> secretSettings() {
    return Arbitraries.of(Settings.all().stream().filter(Setting::secret).toList());
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.of(Settings.all()).map(Setting::key),
        Arbitraries.strings().ofMaxLength(30).map(suffix -> "hourglass." + suffix),
        Arbitraries.strings().ofMaxLength(30));
  }

  /** Printable and unprintable text, huge numbers, separators the parsers split on. */
  @Provide
  Arbitrary<String> hostileText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789-+.,=%:/ msh").ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.of("", " ", "true", "FALSE", "-1", "0", "2147483648", "9223372036854775808",
            "http://", "http:// x", "1e3", "NaN", "%", "=", ",,,", "a=b=c", "\u0000"));
  }

  /** Properties-file text: keys of every kind, separators, escapes (broken ones too), any bytes. */
  @Provide
  Arbitrary<String> fileContent() {
    Arbitrary<String> line =
        Arbitraries.oneOf(
            keys().map(key -> key + "=" + "x"),
            net.jqwik.api.Combinators.combine(keys(), hostileText()).as((key, value) -> key + "=" + value),
            Arbitraries.of("# comment", "! comment", "\\u12zz", "key\\", "=value", ":", "a:b",
                "hourglass.series.cap = \\u0035", "\\"),
            Arbitraries.strings().all().ofMaxLength(30));
    return line.list().ofMaxSize(8).map(lines -> String.join("\n", lines));
  }

  /** Variable names the agent reads: every setting's, typos of them, and bare prefixes. */
  @Provide
  Arbitrary<String> variables() {
    return Arbitraries.oneOf(
        Arbitraries.of(Settings.all())
            .map(setting -> setting.key().toUpperCase(java.util.Locale.ROOT).replace('.', '_')),
        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ_").ofMinLength(1).ofMaxLength(20)
            .map(suffix -> "HOURGLASS_" + suffix),
        Arbitraries.of("OTEL_", "HOURGLASS_", "OTEL_EXPORTER_OTLP_PROTOKOL"));
  }

  @Provide
  Arbitrary<String> durationText() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
    Arbitrary<String> unit = Arbitraries.of("", "ms", "s", "m", "h", "d", "H", " s", "ms ", "x");
    return Arbitraries.oneOf(
        net.jqwik.api.Combinators.combine(digits, unit).as(String::concat),
        Arbitraries.of("9999999999999999h", "9223372036854775807m", "-5s", " 10s", "10 s", "1.5s"));
  }
}
