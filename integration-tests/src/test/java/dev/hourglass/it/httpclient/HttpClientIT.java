package dev.hourglass.it.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.AgentJar;
import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.OtlpReceiver;
import dev.hourglass.it.harness.Ports;
import dev.hourglass.it.harness.ReceivedPoint;
import dev.hourglass.it.harness.SummaryPoint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application calls a loopback service through every supported client library, with the agent
 * attached: what the receiver gets must match what the service served, call for call.
 */
class HttpClientIT {
  private static final String DURATION = "http.client.request.duration";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration RUN = Duration.ofSeconds(120);
  /**
   * Client and loopback overhead over the server's delay: scheduling on a shared 2-core machine and
   * TCP delayed acknowledgements (the JDK server writes headers and body separately).
   */
  private static final double SLACK_SECONDS = 0.100;

  private static final List<String> CLIENTS =
      List.of("huc", "jdk", "jdk-async", "apache4", "apache5", "okhttp", "okhttp-async");

  /** What each library throws, and so what the application must still catch with the agent. */
  private static final Map<String, String> REFUSED = Map.of(
      "huc", "java.net.ConnectException",
      "jdk", "java.net.ConnectException",
      "jdk-async", "java.net.ConnectException",
      "apache4", "org.apache.http.conn.HttpHostConnectException",
      "apache5", "org.apache.hc.client5.http.HttpHostConnectException",
      "okhttp", "java.net.ConnectException",
      "okhttp-async", "java.net.ConnectException");
  private static final Map<String, String> TIMEOUT = Map.of(
      "huc", "java.net.SocketTimeoutException",
      "jdk", "java.net.http.HttpTimeoutException",
      "jdk-async", "java.net.http.HttpTimeoutException",
      "apache4", "java.net.SocketTimeoutException",
      "apache5", "java.net.SocketTimeoutException",
      "okhttp", "java.net.SocketTimeoutException",
      "okhttp-async", "java.net.SocketTimeoutException");

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @TempDir Path temp;

  private OtlpReceiver receiver;
  private final List<DownstreamServer> servers = new ArrayList<>();

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopEverything() {
    servers.forEach(DownstreamServer::close);
    receiver.close();
  }

  private DownstreamServer server() {
    DownstreamServer server = DownstreamServer.start();
    servers.add(server);
    return server;
  }

  /** Runs the workload to completion with the agent exporting every {@code interval}. */
  private ChildJvm runWorkload(String interval, String... scenario) throws IOException {
    Path go = Files.createTempFile(temp, "go", "");
    Files.delete(go); // the child waits for it to appear
    List<String> args = new ArrayList<>(List.of(go.toString()));
    args.addAll(List.of(scenario));
    ChildJvm child = jvms.builder()
        .javaAgent(AgentJar.require(), String.join(",",
            "otel.exporter.otlp.metrics.endpoint=" + receiver.httpEndpoint(),
            "otel.metric.export.interval=" + interval,
            "otel.exporter.otlp.metrics.temporality.preference=delta",
            // A loaded 2-core machine can take more than the default 5 s for the exit export.
            "hourglass.shutdown.timeout=30s"))
        .classpath(childClasspath())
        .mainClass(HttpClientWorkload.class)
        .args(args.toArray(String[]::new))
        .start();
    child.awaitLine(Pattern.compile("started in \\d+ ms"), STARTUP); // classes are woven from here
    Files.createFile(go);
    assertThat(child.awaitExit(RUN)).as("workload exit code, see " + child.logFile()).isZero();
    return child;
  }

  /**
   * The test class path minus OkHttp 5, which the OpenTelemetry SDK's sender brings into this
   * module and which would shadow the OkHttp 4 under test.
   */
  private static String childClasspath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("okhttp-jvm"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private long count(int port, String method, String status, String errorType) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("server.address", "127.0.0.1");
    attributes.put("server.port", Integer.toString(port));
    attributes.put("http.request.method", method);
    if (!status.isEmpty()) {
      attributes.put("http.response.status_code", status);
    }
    if (!errorType.isEmpty()) {
      attributes.put("error.type", errorType);
    }
    // Points whose attributes equal these exactly: a missing status must not match any status.
    return receiver.dataPoints(DURATION).stream()
        .filter(point -> point.attributes().equals(attributes))
        .mapToLong(point -> point.histogram().getCount())
        .sum();
  }

  @Test
  void everyClientsCallsAreCountedExactlyPerMethodStatusAndError() throws IOException {
    Map<String, DownstreamServer> byClient = new LinkedHashMap<>();
    Map<String, Integer> refusedPorts = new HashMap<>();
    List<String> targets = new ArrayList<>();
    for (String client : CLIENTS) {
      DownstreamServer server = server();
      byClient.put(client, server);
      refusedPorts.put(client, Ports.free());
      targets.add(client + "=" + server.port() + ":" + refusedPorts.get(client));
    }

    List<String> args = new ArrayList<>(List.of("calls"));
    args.addAll(targets);
    ChildJvm child = runWorkload("60s", args.toArray(String[]::new));

    for (String client : CLIENTS) {
      DownstreamServer server = byClient.get(client);
      int port = server.port();
      assertThat(server.served("GET", "/status/200")).isEqualTo(3);
      assertThat(count(port, "GET", "200", "")).as(client + " GET 200").isEqualTo(3);
      assertThat(count(port, "POST", "201", "")).as(client + " POST 201").isEqualTo(2);
      assertThat(count(port, "GET", "404", "")).as(client + " GET 404").isEqualTo(1);
      assertThat(count(port, "GET", "503", "503")).as(client + " GET 503").isEqualTo(1);

      assertThat(child.outputLines())
          .as(client + ": the application still catches what the library throws")
          .contains("caught " + client + " refused " + REFUSED.get(client))
          .contains("caught " + client + " timeout " + TIMEOUT.get(client));
      assertThat(count(refusedPorts.get(client), "GET", "", REFUSED.get(client)))
          .as(client + " refused").isEqualTo(1);
      assertThat(count(port, "GET", "", TIMEOUT.get(client))).as(client + " timeout").isEqualTo(1);
    }
    // Nothing else was measured: in particular not the agent's own exports to the receiver.
    assertThat(receiver.dataPoints(DURATION).stream().mapToLong(p -> p.histogram().getCount()).sum())
        .isEqualTo(CLIENTS.size() * 9L);
  }

  @Test
  void percentilesMatchTheServersDelays() throws IOException {
    DownstreamServer jdk = server();
    DownstreamServer okhttp = server();
    DownstreamServer warmUp = server();

    ChildJvm first = runWorkload("60s", "percentiles", "jdk=" + jdk.port() + ":" + warmUp.port());
    assertPercentiles(first, jdk.port());

    receiver.clear();
    ChildJvm second =
        runWorkload("60s", "percentiles", "okhttp=" + okhttp.port() + ":" + warmUp.port());
    assertPercentiles(second, okhttp.port());
  }

  /**
   * Each quantile lies between the server's delay (the floor of any client's measurement) and
   * what the application measured around the same calls (which includes reading the body), with
   * HdrHistogram's 0.1% precision.
   */
  private void assertPercentiles(ChildJvm child, int port) {
    var appMeasured =
        child.awaitLine(Pattern.compile("app-measured p50=(\\d+) p95=(\\d+)"), STARTUP);
    double appP50 = Long.parseLong(appMeasured.group(1)) / 1e6;
    double appP95 = Long.parseLong(appMeasured.group(2)) / 1e6;
    List<SummaryPoint> points = receiver.summaryPoints(DURATION + ".quantiles").stream()
        .filter(point -> point.attributes().get("server.port").equals(Integer.toString(port)))
        .toList();
    assertThat(points).hasSize(1); // one 60 s interval, flushed at exit
    SummaryPoint point = points.get(0);
    assertThat(point.count()).isEqualTo(20);
    assertThat(point.quantiles().get(0.5)).isBetween(0.030, appP50 * 1.001);
    assertThat(point.quantiles().get(0.95)).isBetween(0.300, appP95 * 1.001);
    // The calls themselves stayed close to the server's delays, so the bounds above are tight.
    assertThat(appP50).isLessThan(0.030 + SLACK_SECONDS);
    assertThat(appP95).isLessThan(0.300 + SLACK_SECONDS);
  }

  @Test
  void rateLimitGaugesFollowTheHeadersAndIgnoreMalformedValues() throws IOException {
    DownstreamServer server = server();

    runWorkload("300ms", "ratelimit", Integer.toString(server.port()));

    assertThat(distinctInOrder(gaugeValues("hourglass.http.client.ratelimit.remaining")))
        .containsExactly(4.0, 3.0, 2.0, 1.0, 0.0, 5.0);
    assertThat(distinctInOrder(gaugeValues("hourglass.http.client.ratelimit.limit")))
        .containsExactly(5.0);
    assertThat(distinctInOrder(gaugeValues("hourglass.http.client.ratelimit.utilization")))
        .containsExactly(0.2, 0.4, 0.6, 0.8, 1.0, 0.0);
    // After the 429, the reset comes from Retry-After: 30 s, counting down.
    List<Double> resets = gaugeValues("hourglass.http.client.ratelimit.reset");
    assertThat(resets).anySatisfy(reset -> assertThat(reset).isBetween(25.0, 30.0));
    assertThat(resets.get(resets.size() - 1)).isBetween(4100.0, 4200.0);
    long throttled = receiver.dataPoints("hourglass.http.client.ratelimit.throttled").stream()
        .filter(point -> point.attributes().equals(Map.of("server.address", "localhost")))
        .mapToLong(point -> (long) point.number().getAsInt())
        .sum();
    assertThat(throttled).isEqualTo(1);
  }

  private List<Double> gaugeValues(String name) {
    return receiver.dataPoints(name).stream()
        .filter(point -> point.attributes().equals(Map.of("server.address", "localhost")))
        .map(ReceivedPoint::number)
        .map(number -> number.getAsDouble())
        .toList();
  }

  private static List<Double> distinctInOrder(List<Double> values) {
    List<Double> distinct = new ArrayList<>();
    for (Double value : values) {
      if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(value)) {
        distinct.add(value);
      }
    }
    return distinct;
  }

  @Test
  void clientsBuiltOnInstrumentedClientsAreMeasuredOncePerCall() throws IOException {
    DownstreamServer restApache = server();
    DownstreamServer restHuc = server();
    DownstreamServer delegating = server();

    runWorkload("60s", "nesting",
        "resttemplate-apache5=" + restApache.port(),
        "resttemplate-huc=" + restHuc.port(),
        "apache4-delegating=" + delegating.port());

    for (DownstreamServer server : List.of(restApache, restHuc, delegating)) {
      assertThat(server.served("GET", "/status/200")).isEqualTo(2);
      assertThat(count(server.port(), "GET", "200", "")).isEqualTo(2);
      assertThat(count(server.port(), "POST", "201", "")).isEqualTo(1);
    }
    assertThat(receiver.dataPoints(DURATION).stream().mapToLong(p -> p.histogram().getCount()).sum())
        .isEqualTo(9);
  }
}
