package dev.hourglass.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceivers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent bundles the OpenTelemetry SDK 1.68 and Jackson 2.20, relocated and isolated; an
 * application with OpenTelemetry SDK 1.42.1 and Jackson 2.17.2 of its own keeps using its own,
 * working, while the agent measures it.
 */
class OwnLibrariesIT {
  private static final Path APP_LIBS = Path.of("target", "app-libs");

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();

  @Test
  void applicationsOwnOpenTelemetryAndJacksonWorkBesideTheAgent() throws Exception {
    InstrumentedApp app =
        InstrumentedApp.sampleApp(
            jvms.builder().classpath(classpathWithAppsOwnLibraries()).mainClass(OwnLibrariesApp.class),
            "http/protobuf",
            otlp.receiver().httpEndpoint(),
            "10m");
    assertThat(app.jvm().outputLines())
        .contains("app metric app.orders=3")
        .contains("app sdk from opentelemetry-sdk-metrics-1.42.1.jar")
        .contains("app json {\"ok\":true} from jackson-core-2.17.2.jar");

    for (int i = 0; i < 4; i++) {
      assertThat(Http.get(app.url("/fast")).status()).isEqualTo(200);
    }
    app.stopAndFlush();
    otlp.receiver().awaitMetric("http.server.request.duration", Duration.ofSeconds(30));
    assertThat(otlp.receiver().histogramCount("http.server.request.duration", Map.of("http.route", "/fast")))
        .isEqualTo(4);
  }

  /** The test class path without its OpenTelemetry and Jackson, plus the app's own versions. */
  private static String classpathWithAppsOwnLibraries() throws Exception {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> jars = Files.list(APP_LIBS)) {
      jars.map(Path::toString).forEach(entries::add);
    }
    assertThat(entries).as("app libraries copied by the build into " + APP_LIBS).hasSizeGreaterThanOrEqualTo(5);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (!name.startsWith("opentelemetry-") && !name.startsWith("jackson-")) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
