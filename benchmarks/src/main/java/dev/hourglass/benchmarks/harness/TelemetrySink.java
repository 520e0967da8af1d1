package dev.hourglass.benchmarks.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local receiver that accepts what the agents send and throws it away, so every agent runs its
 * real export path without a collector on the machine. Answers:
 *
 * <ul>
 *   <li>OTLP http/protobuf ({@code POST /v1/metrics}, {@code /v1/traces}, {@code /v1/logs}): 200
 *       with an empty body, which is a valid empty {@code Export*ServiceResponse};
 *   <li>Elastic APM server ({@code POST /intake/v2/events}): 202; {@code GET /}: a server version;
 *       agent central configuration: an empty configuration.
 * </ul>
 *
 * <p>Counts requests and bytes, so the report can show that each agent really exported and how much.
 * Thread-safe: a small pool serves requests; the counters are atomic.
 */
public final class TelemetrySink implements AutoCloseable {
  private static final byte[] ELASTIC_SERVER_INFO =
      "{\"version\":\"8.15.0\",\"build_date\":\"2024-01-01T00:00:00Z\",\"build_sha\":\"local\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  public TelemetrySink() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2, daemon()));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  /** Requests and body bytes received so far, all paths together. */
  public Received received() {
    return new Received(requests.get(), bytes.get());
  }

  /** A reading of the sink's counters; subtract two to get what one run sent. */
  public record Received(long requests, long bytes) {
    public Received minus(Received earlier) {
      return new Received(requests - earlier.requests, bytes - earlier.bytes);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    bytes.addAndGet(drain(exchange.getRequestBody()));
    requests.incrementAndGet();
    try (exchange) {
      if (path.startsWith("/v1/")) {
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
      } else if (path.startsWith("/intake/")) {
        exchange.sendResponseHeaders(202, -1);
      } else if (path.equals("/")) {
        reply(exchange, ELASTIC_SERVER_INFO);
      } else if (path.startsWith("/config/")) {
        reply(exchange, EMPTY_JSON);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private static void reply(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private static long drain(InputStream body) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    for (int read; (read = body.read(buffer)) >= 0; ) {
      total += read;
    }
    return total;
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "telemetry-sink");
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
