package dev.hourglass.it.harness;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a web application in a child JVM with the agent attached and waits until it serves and
 * the agent has finished weaving, so that every request a test sends afterwards is measured.
 *
 * <pre>{@code
 * InstrumentedApp app = InstrumentedApp.start(jvms.builder()
 *     .systemProperty("otel.exporter.otlp.endpoint", receiver.httpEndpoint())
 *     .mainClass("dev.hourglass.sample.SampleApp"), "Sample app listening on (\\S+)");
 * Http.get(app.url("/fast"));
 * }</pre>
 */
public final class InstrumentedApp {
  public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  public static final String SAMPLE_APP = "dev.hourglass.sample.SampleApp";
  public static final String SAMPLE_APP_READY = "Sample app listening on (\\S+)";
  private static final Pattern AGENT_STARTED = Pattern.compile("\\[hourglass\\] INFO started");

  private final ChildJvm jvm;
  private final String baseUrl;

  private InstrumentedApp(ChildJvm jvm, String baseUrl) {
    this.jvm = jvm;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts the child with the agent and a free port passed as {@code --port N}; {@code listening}
   * is the pattern of the app's ready line, whose group 1 is its base URL.
   */
  public static InstrumentedApp start(ChildJvm.Builder builder, String listening) {
    if (!builder.hasSystemProperty("hourglass.shutdown.timeout")) {
      // Tests read the final interval that shutdown exports; a loaded CI box may be slow.
      builder.systemProperty("hourglass.shutdown.timeout", "30s");
    }
    ChildJvm jvm =
        builder.javaAgent(AgentJar.require()).args("--port", String.valueOf(Ports.free())).start();
    Matcher ready = jvm.awaitLine(Pattern.compile(listening), START_TIMEOUT);
    jvm.awaitLine(AGENT_STARTED, START_TIMEOUT);
    return new InstrumentedApp(jvm, ready.group(1));
  }

  /**
   * Configures the agent to export over {@code protocol} every {@code interval} to {@code
   * otlpEndpoint}: the full metrics URL for http/protobuf, the base URL for grpc (what {@link
   * OtlpReceiver#httpEndpoint()} and {@link OtlpReceiver#grpcEndpoint()} return).
   */
  public static ChildJvm.Builder exportingTo(
      ChildJvm.Builder builder, String protocol, String otlpEndpoint, String interval) {
    String endpointKey =
        protocol.equals("grpc") ? "otel.exporter.otlp.endpoint" : "otel.exporter.otlp.metrics.endpoint";
    return builder
        .systemProperty("otel.exporter.otlp.protocol", protocol)
        .systemProperty(endpointKey, otlpEndpoint)
        .systemProperty("otel.metric.export.interval", interval);
  }

  /** The sample app (or a main that ends by starting it), exporting as {@link #exportingTo} says. */
  public static InstrumentedApp sampleApp(
      ChildJvm.Builder builder, String protocol, String otlpEndpoint, String interval) {
    if (!builder.hasMainClass()) {
      builder.mainClass(SAMPLE_APP);
    }
    return start(exportingTo(builder, protocol, otlpEndpoint, interval), SAMPLE_APP_READY);
  }

  /**
   * Stops the app with SIGTERM and waits for it to exit, giving the agent's shutdown hook time to
   * export the final interval. Returns the exit code (143 after SIGTERM).
   */
  public int stopAndFlush() {
    return jvm.stop(Duration.ofSeconds(60));
  }

  public String url(String pathAndQuery) {
    return baseUrl + pathAndQuery;
  }

  public ChildJvm jvm() {
    return jvm;
  }
}
