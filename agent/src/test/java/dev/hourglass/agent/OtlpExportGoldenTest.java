package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.alerts.Alerting;
import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.family.FamilySetup;
import dev.hourglass.agent.jvm.JvmMetrics;
import dev.hourglass.agent.metrics.IntervalClock;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder;
import dev.hourglass.agent.telemetry.Exporters;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.CacheCalls;
import dev.hourglass.bootstrap.CacheScope;
import dev.hourglass.bootstrap.HttpCallReader;
import dev.hourglass.bootstrap.HttpClientCalls;
import dev.hourglass.bootstrap.JdbcCalls;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.bootstrap.ServerRequests;
import dev.hourglass.exporter.otlp.MetricDataMapper;
import dev.hourglass.snapshot.IntervalSnapshot;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OTLP metrics of a fixed, scripted run (servlet requests making JDBC and HTTP-client calls,
 * failures of each kind), compared with a recorded golden file: metric names, types, units,
 * descriptions, typed attributes and counts. Restructuring the agent must leave this text as it
 * is; a deliberate change of the output updates the golden file in the same commit (the actual text
 * is written to {@code target/otlp-export.actual.txt} for that).
 *
 * <p>Durations depend on the clock, so only counts are compared. The JVM's own metrics depend on
 * the runtime (collector names differ between JDKs): for them only names, types, units and
 * attribute keys are compared.
 */
class OtlpExportGoldenTest {
  private static final String GOLDEN = "otlp-export.golden.txt";
  private static final Set<String> RUNTIME_DEPENDENT_PREFIXES =
      Set.of("jvm.", "hourglass.jvm.", "hourglass.agent.advice.errors");

  @AfterEach
  void uninstall() {
    ServerRequests.install(null);
    JdbcCalls.install(null);
    HttpClientCalls.install(null);
    CacheCalls.install(null);
  }

  @Test
  void theScriptedRunExportsExactlyTheRecordedMetrics() throws IOException {
    Config config =
        Config.from(
            Map.of(
                "otel.metrics.exporter", "otlp",
                "otel.exporter.otlp.endpoint", "http://127.0.0.1:9",
                "hourglass.jdbc.slow.threshold", "50ms",
                "hourglass.jdbc.nplusone.threshold", "3",
                "hourglass.alerts.log.enabled", "false"),
            Map.of(),
            Map.of());
    MetricRegistry registry = new MetricRegistry(100, 30);
    IntervalClock clock = new IntervalClock(registry, Duration.ofSeconds(10));
    wire(config, registry, clock);

    script();

    String actual = describe(registry.collect(1, 1_000_000_000L, 11_000_000_000L));
    Path written = Path.of("target", "otlp-export.actual.txt");
    Files.createDirectories(written.getParent());
    Files.writeString(written, actual);
    assertThat(actual).isEqualTo(golden());
  }

  /** What {@code Agent.start} wires, without weaving or the local server. */
  private static void wire(Config config, MetricRegistry registry, IntervalClock clock) {
    SelfMetrics.register(registry, clock);
    JvmMetrics.register(registry);
    Exporters.install(config, clock, registry, new ArrayList<>());
    Alerting.install(config, clock, registry, "golden", null);
    Families.install(new FamilySetup(config, registry, clock, new ServerRequestRecorder(registry)));
  }

  /** The run: what advice would report for a small web application's requests. */
  private static void script() {
    Connection connection = connection("jdbc:postgresql://db.example:5432/petclinic");
    Object dataSource = new Object();
    Object owners = new Object();
    Object insert = new Object();
    Object ownersCache = new Object();
    CacheCalls.named(ownersCache, "owners");
    for (int request = 0; request < 3; request++) {
      RequestContext context = ServerRequests.start();
      lookUp(ownersCache, request == 0); // a miss that loads, then hits
      obtainConnection(dataSource, connection);
      if (request == 0) {
        create(connection, "SELECT * FROM owners WHERE id = ?", owners);
      }
      for (int i = 0; i < 4; i++) {
        execute(owners, null, JdbcCalls.PREPARED, null);
      }
      call("GET", "api.example", 443, 200, null, "X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "42");
      ServerRequests.end(context, "GET", "/owners/*", 200, null);
    }

    RequestContext post = ServerRequests.start();
    create(connection, "INSERT INTO pets (name) VALUES (?)", insert);
    JdbcCalls.batchAdded(insert, null);
    JdbcCalls.batchAdded(insert, null);
    JdbcCalls.batchAdded(insert, null);
    execute(insert, null, JdbcCalls.BATCH, null);
    execute(
        insert, "UPDATE owners SET city = 'Secret' WHERE id = 7", JdbcCalls.PLAIN,
        new SQLException("no such table", "42P01"));
    long slow = JdbcCalls.executeEnter();
    sleep(60); // over the slow threshold; every other execution takes microseconds
    JdbcCalls.executeExit(insert, "SELECT pg_sleep(0.06)", JdbcCalls.PLAIN, slow, null);
    call("POST", "payments.example", 8443, 503, null);
    call("POST", "payments.example", 8443, 429, null, "Retry-After", "30");
    call("GET", "down.example", 80, 0, new ConnectException("Connection refused"));
    long async = HttpClientCalls.enterAsync();
    HttpClientCalls.exit();
    HttpClientCalls.endAsync(
        async, null, new Request("GET", "api.example", 443), Map.of(STATUS, "200"), null, READER);
    ServerRequests.end(post, "POST", "/db/owners", 201, null);

    ServerRequests.end(ServerRequests.start(), "GET", "/fail", 500, null);
    ServerRequests.end(ServerRequests.start(), "GET", "/boom", 500, "java.lang.IllegalStateException");
    ServerRequests.end(ServerRequests.start(), "PURGE", "/cache", 404, null);
    // A swallowed advice fault; the counter is process-wide, so other tests' faults add to it.
    AdviceErrors.record(new IllegalStateException("scripted fault"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A lookup with a loader, as a Caffeine {@code get(key, loader)}, nested in a second layer. */
  @SuppressWarnings("unchecked")
  private static void lookUp(Object cache, boolean load) {
    CacheScope scope = CacheCalls.enter();
    CacheScope nested = CacheCalls.enter(); // a layer over another: counted once
    Function<Object, Object> loader =
        (Function<Object, Object>) CacheCalls.loaderFor((Function<Object, Object>) key -> "value");
    if (load) {
      loader.apply("key");
    }
    CacheCalls.exit(nested, cache, true, null);
    CacheCalls.exit(scope, cache, true, null);
  }

  private static void obtainConnection(Object dataSource, Connection connection) {
    long start = JdbcCalls.connectionEnter();
    JdbcCalls.connectionExit(dataSource, connection, start, null);
  }

  private static void create(Connection connection, String sql, Object statement) {
    JdbcCalls.createEnter();
    JdbcCalls.createExit(connection, sql, statement);
  }

  private static void execute(Object statement, String sql, int kind, Throwable thrown) {
    long start = JdbcCalls.executeEnter();
    JdbcCalls.executeExit(statement, sql, kind, start, thrown);
  }

  private static void call(
      String method, String host, int port, int status, Throwable error, String... headers) {
    Map<String, String> response = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < headers.length; i += 2) {
      response.put(headers[i], headers[i + 1]);
    }
    response.put(STATUS, Integer.toString(status));
    long start = HttpClientCalls.enter();
    long nested = HttpClientCalls.enter(); // a client built on another one: measured once
    HttpClientCalls.exit(nested, null, new Request(method, host, port), response, error, READER);
    HttpClientCalls.exit(
        start, null, new Request(method, host, port), status > 0 ? response : null, error, READER);
  }

  /** What a client library's request tells: method and server. */
  private record Request(String method, String host, int port) {}

  /** The response's status travels as a pseudo-header of the scripted response. */
  private static final String STATUS = ":status";

  private static final HttpCallReader<Object, Request, Map<String, String>> READER =
      new HttpCallReader<>() {
        @Override
        public String method(Object target, Request request) {
          return request.method();
        }

        @Override
        public String host(Object target, Request request) {
          return request.host();
        }

        @Override
        public int port(Object target, Request request) {
          return request.port();
        }

        @Override
        public int status(Map<String, String> response) {
          String status = response.get(STATUS);
          return status == null ? 0 : Integer.parseInt(status);
        }

        @Override
        public String get(Map<String, String> response, String name) {
          return response.get(name);
        }
      };

  /** One line per metric, then one per point, both sorted: independent of registration order. */
  static String describe(IntervalSnapshot snapshot) {
    MetricDataMapper mapper =
        new MetricDataMapper(Resource.empty(), InstrumentationScopeInfo.create("golden"), false, false);
    Map<String, Set<String>> metrics = new TreeMap<>();
    for (MetricData metric : mapper.map(snapshot)) {
      boolean runtimeDependent =
          RUNTIME_DEPENDENT_PREFIXES.stream().anyMatch(metric.getName()::startsWith);
      Set<String> points =
          metrics.computeIfAbsent(
              metric.getName() + " " + metric.getType() + " unit=" + metric.getUnit() + " \""
                  + metric.getDescription() + "\"" + temporality(metric),
              head -> new TreeSet<>());
      for (PointData point : metric.getData().getPoints()) {
        points.add(runtimeDependent ? keys(point.getAttributes()) : point(point));
      }
    }
    StringBuilder text = new StringBuilder();
    metrics.forEach(
        (head, points) -> {
          text.append(head).append('\n');
          points.forEach(point -> text.append("  ").append(point).append('\n'));
        });
    return text.toString();
  }

  private static String temporality(MetricData metric) {
    return switch (metric.getType()) {
      case HISTOGRAM -> " " + metric.getHistogramData().getAggregationTemporality();
      case LONG_SUM -> {
        SumData<?> sum = metric.getLongSumData();
        yield " " + sum.getAggregationTemporality() + (sum.isMonotonic() ? " monotonic" : "");
      }
      default -> "";
    };
  }

  private static String point(PointData point) {
    String attributes = typed(point.getAttributes());
    if (point instanceof HistogramPointData histogram) {
      return attributes + " count=" + histogram.getCount()
          + " buckets=" + histogram.getBoundaries().size();
    }
    if (point instanceof SummaryPointData summary) {
      List<Double> quantiles = new ArrayList<>();
      summary.getValues().forEach(value -> quantiles.add(value.getQuantile()));
      return attributes + " count=" + summary.getCount() + " quantiles=" + quantiles;
    }
    if (point instanceof LongPointData sum) {
      return attributes + " value=" + sum.getValue();
    }
    return attributes; // gauges: values depend on the clock and the runtime
  }

  private static String typed(Attributes attributes) {
    Map<String, String> sorted = new TreeMap<>();
    attributes.forEach(
        (key, value) -> sorted.put(key.getKey(), key.getType() + ":" + value));
    return sorted.toString();
  }

  private static String keys(Attributes attributes) {
    Set<String> keys = new TreeSet<>();
    attributes.forEach((key, value) -> keys.add(key.getKey() + ":" + key.getType()));
    return keys.toString();
  }

  private static String golden() throws IOException {
    try (InputStream in = OtlpExportGoldenTest.class.getResourceAsStream(GOLDEN)) {
      assertThat(in).as("golden file " + GOLDEN + " (see target/otlp-export.actual.txt)").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Connection connection(String url) {
    DatabaseMetaData metadata =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                OtlpExportGoldenTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> method.getName().equals("getURL") ? url : null);
    return (Connection)
        Proxy.newProxyInstance(
            OtlpExportGoldenTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getMetaData" -> metadata;
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "toString" -> "connection";
                  default -> null;
                });
  }
}
