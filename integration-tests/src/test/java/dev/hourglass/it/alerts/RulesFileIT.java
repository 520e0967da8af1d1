package dev.hourglass.it.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules file shared by the agent and a person with an editor: what the dashboard saves lands
 * in the file; an edit made outside while the agent runs is picked up (and said) and survives the
 * next save from the dashboard.
 */
class RulesFileIT {
  private static final String TOKEN = "rules-file-token";
  private static final Duration SOON = Duration.ofSeconds(60);

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @TempDir Path dir;

  private static Http.Response put(String api, String name, String json) {
    return Http.send(api + "/api/rules/" + name, "PUT", json, Map.of("Authorization", "Bearer " + TOKEN));
  }

  @Test
  void outsideEdit_isReloadedAndSaid_andTheNextSaveDoesNotClobberIt() throws Exception {
    Path file = dir.resolve("alerts.json");
    int port = Ports.free();
    InstrumentedApp app =
        InstrumentedApp.start(
            jvms.builder()
                .mainClass(InstrumentedApp.SAMPLE_APP)
                .systemProperty("otel.metrics.exporter", "none")
                .systemProperty("otel.metric.export.interval", "1s")
                .systemProperty("hourglass.http.port", String.valueOf(port))
                .systemProperty("hourglass.http.token", TOKEN)
                .systemProperty("hourglass.history.dir", dir.resolve("history").toString())
                .systemProperty("hourglass.alerts.file", file.toString()),
            InstrumentedApp.SAMPLE_APP_READY);
    String api = "http://127.0.0.1:" + port;
    app.jvm().awaitLine(Pattern.compile("\\[hourglass\\] INFO dashboard at "), SOON);

    assertThat(put(api, "ui.first", "{\"metric\":\"http.server.request.duration\",\"signal\":\"p99\",\"above\":\"2s\"}").status())
        .isEqualTo(200);
    FileTime saved = Files.getLastModifiedTime(file);
    String outside = Files.readString(file).replace("\"2s\"", "\"3s\"")
        .replace("\"rules\" : [", "\"rules\" : [ {\"name\": \"hand.written\", \"metric\": \"db.client.operation.duration\","
            + " \"signal\": \"p95\", \"above\": \"250ms\"},");
    Files.writeString(file, outside, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.fromMillis(saved.toMillis() + 1_000));
    app.jvm().awaitLine(Pattern.compile("alert rules file .* changed outside the agent; reloaded it"), SOON);

    assertThat(put(api, "ui.second", "{\"metric\":\"http.server.request.duration\",\"signal\":\"error_ratio\",\"above\":\"5%\"}").status())
        .isEqualTo(200);
    String rules = Http.get(api + "/api/rules", Map.of("Authorization", "Bearer " + TOKEN)).body();
    app.stopAndFlush();

    String onDisk = Files.readString(file);
    assertThat(onDisk).contains("\"hand.written\"").contains("\"ui.second\"").contains("\"3s\"").doesNotContain("\"2s\"");
    assertThat(rules)
        .contains("p99(http.server.request.duration) > 3.00 s")
        .contains("p95(db.client.operation.duration) > 250 ms")
        .contains("\"name\":\"ui.second\",\"source\":\"file\",\"editable\":true");
  }
}
