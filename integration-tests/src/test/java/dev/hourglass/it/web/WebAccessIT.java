package dev.hourglass.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.it.ChildJvms;
import dev.hourglass.it.InstrumentedApp;
import dev.hourglass.it.Ports;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's access rules, seen from outside the application's JVM. */
class WebAccessIT {
  @RegisterExtension final ChildJvms jvms = new ChildJvms();

  private InstrumentedApp sampleApp(int port, String host, String token) {
    var builder =
        jvms.builder()
            .mainClass(InstrumentedApp.SAMPLE_APP)
            .systemProperty("otel.metrics.exporter", "none")
            .systemProperty("hourglass.http.port", String.valueOf(port))
            .systemProperty("hourglass.http.host", host);
    if (token != null) {
      builder.systemProperty("hourglass.http.token", token);
    }
    return InstrumentedApp.start(builder, InstrumentedApp.SAMPLE_APP_READY);
  }

  @Test
  void nonLoopbackAddressWithoutToken_serverRefusesToStart_appRunsOn() {
    int port = Ports.free();
    InstrumentedApp app = sampleApp(port, "0.0.0.0", null);

    app.jvm()
        .awaitLine(
            Pattern.compile(
                Pattern.quote(
                    "[hourglass] WARN dashboard server not started: hourglass.http.host=0.0.0.0 is"
                        + " not a loopback address and hourglass.http.token is not set")),
            Duration.ofSeconds(30));
    assertThatThrownBy(() -> dev.hourglass.it.Http.get("http://127.0.0.1:" + port + "/api/health"))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(dev.hourglass.it.Http.get(app.url("/fast")).status()).isEqualTo(200);
  }

  @Test
  void withToken_requestsWithoutItAre401_withItAreServed() throws Exception {
    int port = Ports.free();
    sampleApp(port, "0.0.0.0", "it-token-42");
    String url = "http://127.0.0.1:" + port;
    HttpClient client = HttpClient.newHttpClient();
    awaitListening(client, url);

    assertThat(status(client, url + "/api/metrics", null)).isEqualTo(401);
    assertThat(status(client, url + "/metrics", null)).isEqualTo(401);
    assertThat(status(client, url + "/", null)).isEqualTo(401);
    assertThat(status(client, url + "/metrics", "Bearer wrong")).isEqualTo(401);
    assertThat(status(client, url + "/metrics", "Bearer it-token-42")).isEqualTo(200);
    assertThat(status(client, url + "/api/health", "Bearer it-token-42")).isEqualTo(200);
  }

  private static void awaitListening(HttpClient client, String url) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        status(client, url + "/api/health", null);
        return;
      } catch (java.io.IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(200);
      }
    }
  }

  private static int status(HttpClient client, String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
