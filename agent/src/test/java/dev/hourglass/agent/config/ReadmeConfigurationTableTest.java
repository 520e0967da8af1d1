package dev.hourglass.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README's configuration table true: every setting the agent reads is documented. */
class ReadmeConfigurationTableTest {
  @Test
  void everySettingHasARowInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting<?> setting : Settings.all()) {
      assertThat(readme).as(setting.key()).contains("| `" + setting.key() + "` |");
    }
  }

  @Test
  void everyDeclaredSettingIsKnown_noneTwice() {
    // The agent warns about keys it does not know: a setting missing here would be reported as a
    // mistake however correctly the user wrote it.
    assertThat(Settings.all())
        .extracting(Setting::key)
        .contains("hourglass.enabled", "hourglass.alerts.notify.queue", "otel.resource.attributes")
        .doesNotHaveDuplicates()
        .hasSize(71);
  }
}
