package dev.hourglass.it.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The error inbox on the sample app: the same exception thrown from two application frames makes
 * two groups, the same frame on two routes one group with both routes, whatever the messages say;
 * the built-in "new error" rule fires once per group.
 */
class ErrorInboxIT {
  static final String PARSE = "dev.hourglass.sample.web.OrderErrorsServlet.parse(";
  static final String SAVE = "dev.hourglass.sample.web.OrderErrorsServlet.save(";

  @RegisterExtension final ChildJvms jvms = new ChildJvms();

  @Test
  void errorsAreGroupedByClassAndApplicationFramesAndEachNewGroupAlertsOnce() throws Exception {
    TracesApp app =
        TracesApp.start(
            jvms.builder().mainClass(InstrumentedApp.SAMPLE_APP), InstrumentedApp.SAMPLE_APP_READY, "1s");

    for (int i = 0; i < 5; i++) {
      assertThat(Http.get(app.url("/errors/orders?in=parse&id=" + i)).status()).isEqualTo(500);
      assertThat(Http.get(app.url("/errors/invoices?in=parse&id=" + i)).status()).isEqualTo(500);
    }
    assertThat(Http.get(app.url("/errors/orders?in=save&id=1")).status()).isEqualTo(500);

    assertInboxGroupsParseAndSave(app, "/errors/orders", "/errors/invoices", PARSE, SAVE);

    // Intervals of 1 s: give the rules a few to fire, and to fire nothing more.
    List<Map<String, Object>> groups = requestGroups(app);
    for (Map<String, Object> group : groups) {
      app.app.jvm().awaitLine(
          java.util.regex.Pattern.compile(
              "\"rule\":\"errors\\.new\".*\"status\":\"firing\".*" + group.get("id")),
          java.time.Duration.ofSeconds(30));
    }
    Thread.sleep(4_000);
    for (Map<String, Object> group : groups) {
      assertThat(
              app.app.jvm().outputLines().stream()
                  .filter(line -> line.contains("\"rule\":\"errors.new\""))
                  .filter(line -> line.contains("\"status\":\"firing\""))
                  .filter(line -> line.contains((String) group.get("id"))))
          .as("firing notifications of errors.new for group " + group.get("id"))
          .hasSize(1);
    }
  }

  /**
   * Two groups of {@code java.lang.IllegalStateException} from the request: the parse one on both
   * routes (5 + 5 errors), the save one on the first route only (1).
   */
  static void assertInboxGroupsParseAndSave(
      TracesApp app, String first, String second, String parseFrame, String saveFrame) {
    List<Map<String, Object>> groups = requestGroups(app);
    assertThat(groups).hasSize(2);
    Map<String, Object> parse = withTopFrame(groups, parseFrame);
    Map<String, Object> save = withTopFrame(groups, saveFrame);
    assertThat(parse.get("type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(parse.get("count")).isEqualTo(10L);
    assertThat(parse.get("routes")).isEqualTo(List.of(second, first).stream().sorted().toList());
    assertThat(parse.get("message")).as("messages are off by default").isNull();
    assertThat(save.get("type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(save.get("count")).isEqualTo(1L);
    assertThat(save.get("routes")).isEqualTo(List.of(first));
  }

  static List<Map<String, Object>> requestGroups(TracesApp app) {
    return TracesApp.list(app.api("/api/errors/groups"), "groups").stream()
        .filter(group -> group.get("source").equals("request"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withTopFrame(List<Map<String, Object>> groups, String frame) {
    return groups.stream()
        .filter(group -> ((List<String>) group.get("frames")).get(0).startsWith(frame))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group thrown from " + frame + ": " + groups));
  }
}
