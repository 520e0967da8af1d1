package dev.hourglass.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.agent.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving rules to the rules file, and the same file edited by someone else meanwhile. */
class RuleStoreTest {
  private static final Map<String, String> ERRORS =
      Map.of("metric", "http.server.request.duration", "signal", "error_ratio", "above", "5%");

  @TempDir Path dir;

  private RuleStore store() {
    return RuleStore.open(
        Config.from(Map.of(), Map.of("hourglass.alerts.file", file().toString()), Map.of()),
        new RuleParser(Duration.ofSeconds(10), Duration.ZERO));
  }

  private Path file() {
    return dir.resolve("alerts.json");
  }

  /** Another tool rewrites the file, a second later by the clock, as an editor would. */
  private void editOutside(String json) throws Exception {
    FileTime before = Files.getLastModifiedTime(file());
    Files.writeString(file(), json);
    Files.setLastModifiedTime(file(), FileTime.fromMillis(before.toMillis() + 1_000));
  }

  private static List<String> names(RuleSet rules) {
    return rules.rules().stream().map(Rule::name).toList();
  }

  @Test
  void savedRule_runsAfterTheBuiltIns_andIsTheOnlyEditableOne() throws Exception {
    RuleStore store = store();

    RuleSet running = store.save("checkout.errors", ERRORS);

    assertThat(names(running)).hasSize(13).endsWith("checkout.errors");
    assertThat(store.entries()).filteredOn(RuleStore.Entry::editable).extracting(RuleStore.Entry::name)
        .containsExactly("checkout.errors");
    assertThat(store.entries()).filteredOn(entry -> entry.name().equals("jvm.cpu"))
        .extracting(RuleStore.Entry::sources).containsExactly(List.of(RuleStore.BUILT_IN));
    assertThatThrownBy(() -> store.save("jvm.cpu", ERRORS)).isInstanceOf(RuleStore.Refusal.class)
        .hasMessageStartingWith("rule 'jvm.cpu' is built in and read-only");
    assertThat(names(store.save("checkout.errors", Map.of("metric", "m", "signal", "p95", "above", "1s", "enabled", "false"))))
        .doesNotContain("checkout.errors");
    assertThat(store.entries()).filteredOn(entry -> entry.name().equals("checkout.errors"))
        .extracting(RuleStore.Entry::enabled).containsExactly(false);
  }

  @Test
  void fileEditedOutside_isReloadedAndSaid_andTheNextSaveKeepsThatEdit() throws Exception {
    RuleStore store = store();
    store.save("checkout.errors", ERRORS);
    assertThat(store.refreshIfChanged()).as("the agent's own write is no outside edit").isNull();

    editOutside("{\"rules\": [{\"name\": \"checkout.errors\", \"metric\": \"http.server.request.duration\","
        + " \"signal\": \"error_ratio\", \"above\": \"2%\"},"
        + " {\"name\": \"ops.added\", \"metric\": \"db.client.operation.duration\", \"signal\": \"p99\", \"above\": \"1s\"}]}");
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    RuleSet reloaded;
    try {
      reloaded = store.refreshIfChanged();
    } finally {
      System.setErr(original);
    }

    assertThat(names(reloaded)).endsWith("checkout.errors", "ops.added");
    assertThat(reloaded.rules().stream().filter(rule -> rule.name().equals("checkout.errors")).findFirst().orElseThrow()
        .threshold()).isEqualTo(0.02);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .isEqualTo("[hourglass] INFO alert rules file " + file() + " changed outside the agent; reloaded it"
            + " (14 rules run from the next interval)" + System.lineSeparator());
    assertThat(store.refreshIfChanged()).isNull();
  }

  @Test
  void saveAfterAnUnseenOutsideEdit_mergesOntoTheFileAsItIs() throws Exception {
    RuleStore store = store();
    store.save("checkout.errors", ERRORS);
    editOutside("{\"rules\": [{\"name\": \"ops.added\", \"metric\": \"db.client.operation.duration\","
        + " \"signal\": \"p99\", \"above\": \"1s\"}]}");

    RuleSet running = store.save("ops.third", Map.of("metric", "jvm.cpu.recent_utilization", "signal", "value", "above", "95%"));

    assertThat(names(running)).endsWith("ops.added", "ops.third").doesNotContain("checkout.errors");
    assertThat(Files.readString(file())).contains("\"ops.added\"").contains("\"ops.third\"");
  }
}
