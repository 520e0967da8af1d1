package dev.hourglass.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.Ports;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's access rules, seen from outside the application's JVM: by default it listens on
 * 127.0.0.1 only; a non-loopback address without a token keeps it off; with a token every request
 * needs it, and the token is never echoed in an answer nor logged.
 */
class WebAccessIT {
  @RegisterExtension final ChildJvms jvms = new ChildJvms();

  private InstrumentedApp sampleApp(int port, String host, String token) {
    var builder =
        jvms.builder()
            .mainClass(InstrumentedApp.SAMPLE_APP)
            .systemProperty("otel.metrics.exporter", "none")
            .systemProperty("hourglass.log.level", "debug")
            .systemProperty("hourglass.http.port", String.valueOf(port));
    if (host != null) {
      builder.systemProperty("hourglass.http.host", host);
    }
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
    assertThatThrownBy(() -> dev.hourglass.it.harness.Http.get("http://127.0.0.1:" + port + "/api/health"))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(dev.hourglass.it.harness.Http.get(app.url("/fast")).status()).isEqualTo(200);
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

  @Test
  void byDefault_theServerListensOnLoopbackOnly() throws Exception {
    int port = Ports.free();
    InstrumentedApp app = sampleApp(port, null, null);

    app.jvm()
        .awaitLine(
            Pattern.compile(Pattern.quote("[hourglass] INFO dashboard at http://127.0.0.1:" + port + "/")),
            Duration.ofSeconds(30));
    assertThat(dev.hourglass.it.harness.Http.get("http://127.0.0.1:" + port + "/api/health").status()).isEqualTo(200);
    assertThat(listeningAddresses(port)).as("addresses listening on port %d", port).containsOnly("127.0.0.1");
    for (InetAddress address : nonLoopbackAddresses()) {
      assertThatThrownBy(() -> new Socket(address, port).close())
          .as("connecting through %s", address)
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void theTokenIsNeverEchoedNorLogged_onlyTheLoginCookieCarriesIt() throws Exception {
    String token = "tk-s3cret-6087";
    int port = Ports.free();
    InstrumentedApp app = sampleApp(port, "0.0.0.0", token);
    String url = "http://127.0.0.1:" + port;
    HttpClient client = HttpClient.newHttpClient();
    awaitListening(client, url);

    List<HttpResponse<String>> answers = new ArrayList<>();
    answers.add(send(client, url + "/api/health", "Bearer wrong-" + token));
    answers.add(send(client, url + "/?token=wrong-" + token, null));
    HttpResponse<String> login = send(client, url + "/api/metrics?token=" + token, null);
    answers.add(login);
    for (String path : List.of("/", "/api/health", "/api/metrics", "/metrics", "/assets/app.js")) {
      HttpResponse<String> page = send(client, url + path, "Bearer " + token);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      answers.add(page);
    }

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).contains("/api/metrics");
    assertThat(login.headers().allValues("Set-Cookie"))
        .filteredOn(cookie -> cookie.contains(token))
        .singleElement()
        .asString()
        .startsWith("hourglass_token=" + token + ";")
        .contains("HttpOnly", "SameSite=Strict");
    assertThat(login.headers().allValues("Set-Cookie"))
        .as("the other cookie is the CSRF session, random")
        .filteredOn(cookie -> !cookie.contains(token))
        .singleElement()
        .asString()
        .matches("hourglass_session=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Strict");
    for (HttpResponse<String> answer : answers) {
      Map<String, List<String>> headers = new java.util.HashMap<>(answer.headers().map());
      headers.remove("set-cookie");
      assertThat(answer.body() + headers).as("%s", answer.uri()).doesNotContain(token);
    }
    app.jvm().stop();
    assertThat(app.jvm().outputLines()).anyMatch(line -> line.startsWith("[hourglass] DEBUG"));
    assertThat(app.jvm().outputLines()).allSatisfy(line -> assertThat(line).doesNotContain(token));
  }

  /** Local addresses of sockets listening on {@code port}, from the kernel's tables (Linux). */
  private static List<String> listeningAddresses(int port) throws Exception {
    List<String> addresses = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] fields = line.trim().split("\\s+");
        // fields[1] is ADDRESS:PORT in hex, fields[3] the state; 0A is LISTEN.
        if (fields.length > 3 && fields[3].equals("0A") && fields[1].endsWith(String.format(":%04X", port))) {
          addresses.add(decode(fields[1].substring(0, fields[1].indexOf(':'))));
        }
      }
    }
    return addresses;
  }

  /** The kernel prints addresses as 32-bit words in host (little-endian) order. */
  private static String decode(String hex) throws Exception {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = word * 8 + (3 - i) * 2;
        bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    return InetAddress.getByAddress(bytes).getHostAddress();
  }

  private static List<InetAddress> nonLoopbackAddresses() throws Exception {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            addresses.add(address);
          }
        }
      }
    }
    return addresses;
  }

  private static HttpResponse<String> send(HttpClient client, String url, String authorization)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
    return send(client, url, authorization).statusCode();
  }
}
