package dev.hourglass.it.httpclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The downstream service the clients under test call: a JDK {@link HttpServer} on loopback whose
 * answers are set by the path, and which counts what it served (the ground truth).
 *
 * <ul>
 *   <li>{@code /status/{code}}: answers with that status;
 *   <li>{@code /delay/{ms}}: answers 200 after that many milliseconds;
 *   <li>{@code /hang}: answers after 10 s, for client read timeouts;
 *   <li>{@code /headers?Name=value&...}: answers with those response headers, and the status of a
 *       {@code status} parameter (default 200).
 * </ul>
 */
final class DownstreamServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

  private DownstreamServer(HttpServer server) {
    this.server = server;
  }

  static DownstreamServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      DownstreamServer downstream = new DownstreamServer(server);
      server.createContext("/", downstream::handle);
      server.setExecutor(downstream.executor);
      server.start();
      return downstream;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the downstream server", e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** How many requests of {@code method} to {@code path} were answered. */
  int served(String method, String path) {
    AtomicInteger count = served.get(method + " " + path);
    return count == null ? 0 : count.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
      String path = exchange.getRequestURI().getPath();
      int status = 200;
      if (path.startsWith("/status/")) {
        status = Integer.parseInt(path.substring("/status/".length()));
      } else if (path.startsWith("/delay/")) {
        sleep(Long.parseLong(path.substring("/delay/".length())));
      } else if (path.equals("/hang")) {
        sleep(10_000);
      } else if (path.equals("/headers")) {
        status = addHeaders(exchange, exchange.getRequestURI().getRawQuery());
      }
      served.computeIfAbsent(exchange.getRequestMethod() + " " + path, key -> new AtomicInteger())
          .incrementAndGet();
      byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static int addHeaders(HttpExchange exchange, String query) {
    int status = 200;
    if (query == null) {
      return status;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      if (name.equals("status")) {
        status = Integer.parseInt(value);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    return status;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
