package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.ChildJvm;
import dev.hourglass.it.harness.ChildJvms;
import dev.hourglass.it.harness.Http;
import dev.hourglass.it.harness.InstrumentedApp;
import dev.hourglass.it.harness.OtlpReceivers;
import dev.hourglass.it.harness.Ports;
import dev.hourglass.it.harness.SelfMetrics;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects the application hands to the instrumented libraries that break the agent's reading of
 * them, never the application: request and response wrappers whose getters throw or return null,
 * JDBC pools, proxies and statements that answer null, throw, or query themselves, HTTP requests
 * whose URI getter throws, interceptors that throw, unresolvable hosts, and classes compiled
 * against an older API that lack a method the agent reads. The application gets exactly what it
 * gets without the agent (answers, results, exception classes, messages, even instances); the
 * agent measures what it can, counts each fault once in {@code hourglass.agent.advice.errors} and
 * says so in one log line.
 */
class InstrumentationFaultsIT {
  static final String READY = "Hostile app listening on (\\S+)";
  private static final String DB_DURATION = "db.client.operation.duration";
  private static final String CLIENT_DURATION = "http.client.request.duration";
  private static final String BY_ID = "SELECT name FROM owners WHERE id = ?";
  private static final String COUNT = "SELECT COUNT(*) FROM owners";
  private static final int EACH = 5;
  private static final Pattern AGENT_FRAME =
      Pattern.compile("dev\\.hourglass\\.(instrumentation|bootstrap|agent|shaded)\\.");
  private static final List<String> HOSTILE_PATHS =
      List.of(
          "/wrapped-async",
          "/handoff?outcome=ok",
          "/handoff?outcome=throw",
          "/handoff?outcome=nulls",
          "/handoff?outcome=older-response",
          "/handoff?outcome=older-request");
  /** Every hostile path but the null getters: each of their requests is one fault. */
  private static final int FAULTING_PATHS = 5;

  @RegisterExtension final ChildJvms jvms = new ChildJvms();
  @RegisterExtension final OtlpReceivers otlp = new OtlpReceivers();
  @TempDir Path temp;

  @Test
  void hostileRequestsAndResponsesLeaveTheAppsAnswersUntouchedAndAreCountedExactly() throws Exception {
    ChildJvm bare =
        jvms.builder().mainClass(HostileApp.class).args("--port", String.valueOf(Ports.free())).start();
    String bareUrl = bare.awaitLine(Pattern.compile(READY), InstrumentedApp.START_TIMEOUT).group(1);
    List<Http.Response> withoutAgent = sendHostileRequests(bareUrl);
    bare.stop();

    InstrumentedApp app =
        InstrumentedApp.start(
            InstrumentedApp.exportingTo(
                    jvms.builder().mainClass(HostileApp.class),
                    "http/protobuf",
                    otlp.receiver().httpEndpoint(),
                    "10m")
                .systemProperty("hourglass.log.level", "debug"),
            READY);
    List<Http.Response> withAgent = sendHostileRequests(app.url(""));
    assertThat(app.jvm().stop()).isIn(0, 143);

    assertThat(withAgent).as("status and body of every request").isEqualTo(withoutAgent);
    assertThat(withAgent.get(0)).isEqualTo(new Http.Response(202, "async answer"));
    assertThat(withAgent.get(EACH * 2))
        .isEqualTo(
            new Http.Response(
                200, "worker threw jakarta.servlet.ServletException: the application's own failure"));

    assertThat(withAgent.subList(EACH * 3, EACH * 6))
        .as("null getters and classes missing a method the agent reads")
        .containsOnly(new Http.Response(200, "plain"));

    otlp.receiver().awaitMetric("hourglass.agent.advice.errors", Duration.ofSeconds(30));
    assertThat(SelfMetrics.last(otlp.receiver(), "hourglass.agent.advice.errors"))
        .as(
            "one fault per hostile request: the async completion, the throwing wrappers and the"
                + " missing getStatus() and getDispatcherType(); null getters are no fault")
        .isEqualTo((double) FAULTING_PATHS * EACH);
    assertThat(
            otlp.receiver()
                .histogramCount("http.server.request.duration", Map.of("http.route", "/handoff")))
        .as("the requests around the faulty calls are still measured")
        .isEqualTo(5L * EACH);
    assertThat(
            otlp.receiver().histogramCount("http.server.request.duration", Map.of("http.route", "/*")))
        .as("a request whose servlet path and mapping are null is measured under a path route")
        .isEqualTo(EACH);
    assertThat(otlp.receiver().dataPoints("http.server.request.duration"))
        .as("no route made of a null")
        .noneMatch(point -> point.attributes().getOrDefault("http.route", "").contains("null"));

    List<String> log = app.jvm().outputLines();
    HostileRuns.assertFaultsLoggedOnce(log);
    assertThat(log)
        .as("no agent frame in anything the application or its container printed")
        .allMatch(line -> line.startsWith("[hourglass] ") || !AGENT_FRAME.matcher(line).find());
  }

  @Test
  void hostileJdbcObjectsLeaveTheAppsResultsAndExceptionsUntouchedAndAreCountedExactly() {
    ChildJvm app =
        new HostileRuns(jvms, temp, System.getProperty("java.class.path"))
            .sameOutputWithAndWithoutAgent(
                HostileJdbcApp.class,
                otlp.receiver(),
                HostileJdbcApp.SCENARIOS * HostileJdbcApp.ROUNDS);

    assertThat(HostileRuns.applicationOutput(app))
        .contains(
            "hostile JDBC app done",
            "outcome pool answers null: null",
            "outcome getMetaData() throws: Ada",
            "outcome getMetaData() queries itself: Edsger",
            "outcome statement lacks getConnection(): 3 owners",
            "outcome execute throws the application's exception: caught its own exception,"
                + " SQLState 42501: "
                + HostileJdbcApp.REFUSAL);

    assertThat(SelfMetrics.last(otlp.receiver(), "hourglass.agent.advice.errors"))
        .as(
            "one fault per object the agent could not read: the proxy refusing its metadata, the"
                + " statement without getConnection() and the connection without getMetaData()")
        .isEqualTo(3.0 * HostileJdbcApp.ROUNDS);
    assertThat(executions(BY_ID, "other_sql", null))
        .as("the proxies refusing or hiding their database are measured, as other_sql")
        .isEqualTo(2L * HostileJdbcApp.ROUNDS);
    assertThat(executions(BY_ID, "h2database", null))
        .as("the proxy whose metadata read queries itself: read once, then known")
        .isEqualTo(HostileJdbcApp.ROUNDS);
    assertThat(executions(COUNT, "other_sql", null))
        .as("statements that cannot say their connection are measured, as other_sql")
        .isEqualTo(3L * HostileJdbcApp.ROUNDS);
    assertThat(executions(COUNT, "h2database", null))
        .as("a JDBC 3 statement: the agent needs none of the methods it lacks, and faults none")
        .isEqualTo(HostileJdbcApp.ROUNDS);
    assertThat(executions("DELETE FROM owners WHERE id = ?", "h2database", "42"))
        .as("the application's own exception is the execution's outcome, not an agent fault")
        .isEqualTo(HostileJdbcApp.ROUNDS);

    List<String> log = app.outputLines();
    HostileRuns.assertFaultsLoggedOnce(log);
    assertThat(log.stream().filter(line -> line.contains("cannot read the database URL of")))
        .as("once per connection class: the refusing proxy's and the older connection's")
        .hasSize(2);
  }

  @Test
  void hostileOutgoingCallsLeaveTheAppsAnswersAndExceptionsUntouchedAndAreCountedExactly() {
    ChildJvm app =
        new HostileRuns(jvms, temp, withoutOkHttp5())
            .sameOutputWithAndWithoutAgent(
                HostileClientsApp.class,
                otlp.receiver(),
                HostileClientsApp.SCENARIOS * HostileClientsApp.ROUNDS);

    assertThat(HostileRuns.applicationOutput(app))
        .contains(
            "hostile clients app done",
            "outcome jdk, request whose uri() throws: threw java.lang.IllegalStateException:"
                + " the request has no URI yet",
            "outcome okhttp, interceptor throws IllegalStateException: threw"
                + " java.lang.IllegalStateException: the interceptor's own bug",
            "outcome okhttp async, interceptor throws IOException: failure java.io.IOException:"
                + " the interceptor's own I/O failure",
            "outcome apache4, no target and getURI() throws: threw"
                + " java.lang.IllegalStateException: the request has no URI yet",
            "outcome jdk, healthy: 200 pong");

    assertThat(SelfMetrics.last(otlp.receiver(), "hourglass.agent.advice.errors"))
        .as("one fault per call whose request could not be read: the JDK request and the Apache"
            + " request without a target, each read once")
        .isEqualTo(2.0 * HostileClientsApp.ROUNDS);
    assertThat(calls(Map.of("server.address", HostileClientsApp.NOWHERE)))
        .as("calls to an unresolvable host, JDK client and HttpURLConnection")
        .isEqualTo(2L * HostileClientsApp.ROUNDS);
    assertThat(calls(Map.of("error.type", "java.io.IOException")))
        .as("OkHttp calls failed by the interceptor's IOException, sync and async")
        .isEqualTo(2L * HostileClientsApp.ROUNDS);
    assertThat(calls(Map.of("error.type", "java.lang.IllegalStateException")))
        .as("calls failed by the application's IllegalStateException that the agent could read:"
            + " OkHttp's interceptor, Apache with a target")
        .isEqualTo(2L * HostileClientsApp.ROUNDS);
    assertThat(calls(Map.of("server.address", "127.0.0.1", "http.response.status_code", "200")))
        .isEqualTo(HostileClientsApp.ROUNDS);

    HostileRuns.assertFaultsLoggedOnce(app.outputLines());
  }

  @Test
  void hostileCachesLeaveTheAppsValuesAndExceptionsUntouchedAndAreCountedExactly() {
    ChildJvm app =
        new HostileRuns(jvms, temp, System.getProperty("java.class.path"))
            .sameOutputWithAndWithoutAgent(
                HostileCachesApp.class,
                otlp.receiver(),
                HostileCachesApp.SCENARIOS * HostileCachesApp.ROUNDS);

    assertThat(HostileRuns.applicationOutput(app))
        .contains(
            "hostile caches app done",
            "outcome caffeine get, loader throws: threw java.lang.IllegalArgumentException: no owner 1",
            "outcome own spring cache, get throws: threw java.lang.IllegalStateException: the store"
                + " is down for 6",
            "outcome caffeine get, healthy: owner 9");
    long rounds = HostileCachesApp.ROUNDS;
    // A loader that ran and threw is a miss; a lookup that threw without loading is nothing.
    assertThat(cacheRequests("hostile-spring", "miss")).as("Spring loader threw").isEqualTo(rounds);
    assertThat(cacheRequests("hostile-jcache", "miss")).as("JCache loader threw").isEqualTo(rounds);
    assertThat(otlp.receiver().dataPoints("hourglass.cache.requests").stream()
            .filter(point -> !point.attributes().get("cache.name").startsWith("hostile-"))
            .mapToLong(point -> point.number().getAsInt())
            .sum())
        .as("Caffeine: three loaders threw (4 keys) and the healthy get missed once, then hit")
        .isEqualTo(4 * rounds + 1 + (rounds - 1));
  }

  private long cacheRequests(String cache, String result) {
    return otlp.receiver().dataPoints("hourglass.cache.requests").stream()
        .filter(point -> point.attributes().equals(Map.of("cache.name", cache, "result", result)))
        .mapToLong(point -> point.number().getAsInt())
        .sum();
  }

  private static List<Http.Response> sendHostileRequests(String baseUrl) {
    List<Http.Response> responses = new ArrayList<>();
    for (String path : HOSTILE_PATHS) {
      for (int i = 0; i < EACH; i++) {
        responses.add(Http.get(baseUrl + path));
      }
    }
    return responses;
  }

  /** Executions of the statement shape against the database system with the error type. */
  private long executions(String queryText, String system, String errorType) {
    Map<String, String> attributes =
        errorType == null
            ? Map.of("db.query.text", queryText, "db.system.name", system)
            : Map.of("db.query.text", queryText, "db.system.name", system, "error.type", errorType);
    return otlp.receiver().dataPoints(DB_DURATION).stream()
        .filter(point -> point.attributes().entrySet().containsAll(attributes.entrySet()))
        .filter(point -> errorType != null || !point.attributes().containsKey("error.type"))
        .mapToLong(point -> point.histogram().getCount())
        .sum();
  }

  private long calls(Map<String, String> attributes) {
    return otlp.receiver().histogramCount(CLIENT_DURATION, attributes);
  }

  /**
   * The test class path minus OkHttp 5, which the OpenTelemetry SDK's sender brings into this
   * module and which would shadow the OkHttp 4 the application uses.
   */
  private static String withoutOkHttp5() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("okhttp-jvm"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
