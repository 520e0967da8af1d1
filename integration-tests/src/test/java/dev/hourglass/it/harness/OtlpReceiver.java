package dev.hourglass.it.harness;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in OTLP metrics collector on 127.0.0.1 that listens on http/protobuf and gRPC at once, keeps every
 * export it is sent, and can be switched into a {@link FaultMode}. Decoding uses the official
 * {@code io.opentelemetry.proto} classes, so what tests see is what a real collector would see.
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.start()) {
 *   ... point the agent at receiver.httpEndpoint() ...
 *   receiver.awaitMetric("http.server.request.duration", Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class OtlpReceiver implements AutoCloseable {

  // Well above the 4 MiB gRPC default, so a large export shows up as data to assert on, not as a refusal.
  private static final int MAX_GRPC_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final ReceivedMetrics received = new ReceivedMetrics();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final ExecutorService httpThreads = Executors.newCachedThreadPool(daemonThreads("otlp-http"));
  private volatile FaultMode faultMode = FaultMode.NORMAL;
  private HttpServer http;
  private Server grpc;
  private SeveringTcpProxy grpcFront;

  private OtlpReceiver() {}

  /** Starts both listeners on free loopback ports. Close the receiver to stop them. */
  public static OtlpReceiver start() {
    return start(0);
  }

  /**
   * Starts with http/protobuf on the given loopback port (0: any free one), for a test that points the agent at
   * a port where no collector listens yet and starts one there later.
   */
  public static OtlpReceiver start(int httpPort) {
    OtlpReceiver receiver = new OtlpReceiver();
    try {
      receiver.startListeners(httpPort);
      return receiver;
    } catch (IOException e) {
      receiver.close();
      throw new UncheckedIOException("OTLP receiver did not start", e);
    } catch (RuntimeException e) {
      receiver.close();
      throw e;
    }
  }

  private void startListeners(int httpPort) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    http = HttpServer.create(new InetSocketAddress(loopback, httpPort), 0);
    http.createContext(OtlpHttpHandler.PATH, new OtlpHttpHandler(received, this::faultMode, closing));
    // Handlers run on their own pool so one hanging export (FaultMode.HANG) never blocks the next.
    http.setExecutor(httpThreads);
    http.start();

    grpc = NettyServerBuilder.forAddress(new InetSocketAddress(loopback, 0))
        .addService(new OtlpGrpcService(received, this::faultMode).definition())
        .maxInboundMessageSize(MAX_GRPC_MESSAGE_BYTES)
        .build()
        .start();
    grpcFront = SeveringTcpProxy.start(grpc.getPort());
  }

  /** Full URL of the metrics path, as a per-signal OTLP/HTTP endpoint setting expects it. */
  public String httpEndpoint() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + OtlpHttpHandler.PATH;
  }

  /** Plain-text (h2c) gRPC endpoint, {@code http://127.0.0.1:PORT}. */
  public String grpcEndpoint() {
    return "http://127.0.0.1:" + grpcFront.port();
  }

  public FaultMode faultMode() {
    return faultMode;
  }

  /** Applies to exports arriving from now on; exports already hanging stay hung until {@link #close()}. */
  public void faultMode(FaultMode mode) {
    faultMode = mode;
    grpcFront.severing(mode == FaultMode.CLOSE_CONNECTION);
    grpcFront.garbling(mode == FaultMode.GARBAGE);
  }

  /**
   * The most recently accepted instance of the metric, waiting up to {@code timeout} for one to arrive.
   *
   * @throws AssertionError on timeout, listing the metric names that did arrive
   */
  public Metric awaitMetric(String name, Duration timeout) {
    try {
      return received.awaitMetric(name, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for metric " + name, e);
    }
  }

  /** Every data point of the metric over all accepted exports, in arrival order. */
  public List<ReceivedPoint> dataPoints(String metricName) {
    return received.dataPoints(metricName);
  }

  /**
   * Sum of histogram counts of the metric over all accepted exports, for points whose attributes contain every
   * entry of {@code attributeFilter} (an empty filter takes all points). Equals the number of recorded values
   * only under delta temporality; cumulative exports repeat earlier counts.
   */
  public long histogramCount(String metricName, Map<String, String> attributeFilter) {
    return received.histogramCount(metricName, attributeFilter);
  }

  /** Every summary point of the metric over all accepted exports, with quantile values. */
  public List<SummaryPoint> summaryPoints(String metricName) {
    return received.summaryPoints(metricName);
  }

  /** Attributes of the first resource in the last accepted export. */
  public Map<String, String> lastResourceAttributes() {
    return received.lastResourceAttributes();
  }

  /** The decoded requests this receiver answered with success, in arrival order. */
  public List<ExportMetricsServiceRequest> acceptedRequests() {
    return received.accepted();
  }

  /** Every export call whose body arrived, accepted or not: for counting attempts and retries. */
  public List<ReceivedExport> exports() {
    return received.all();
  }

  /**
   * The payload bytes of every export call, accepted or not, after gzip was undone; for scanning what left the
   * agent for secrets that must never leave it.
   */
  public List<byte[]> rawBodies() {
    return received.rawBodies();
  }

  /** Forgets everything received so far, so one receiver can serve several phases of a test. */
  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    closing.countDown(); // releases HTTP exchanges held by FaultMode.HANG
    if (grpcFront != null) {
      try {
        grpcFront.close();
      } catch (IOException e) {
        // The proxy's sockets are gone either way.
      }
    }
    if (grpc != null) {
      grpc.shutdownNow();
      awaitQuietly(grpc);
    }
    if (http != null) {
      http.stop(0);
    }
    httpThreads.shutdownNow();
  }

  private static void awaitQuietly(Server server) {
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
