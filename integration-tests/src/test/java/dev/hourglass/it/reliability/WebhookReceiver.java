package dev.hourglass.it.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A webhook endpoint on loopback that answers every POST with 204 and keeps what arrived, for
 * tests of the agent's alert notifications.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One notification: the request URI as sent (query included) and the body. */
  record Delivery(String uri, String body) {}

  private final HttpServer server;
  private final List<Delivery> deliveries = new ArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext("/", receiver::handle);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException("webhook receiver did not start", e);
    }
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code pathAndQuery}. */
  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Waits until a delivery whose body matches arrives; fails listing what did arrive. */
  Delivery await(Predicate<String> body, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        for (Delivery delivery : deliveries) {
          if (body.test(delivery.body())) {
            return delivery;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching webhook delivery within " + timeout + "; got " + deliveries);
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (this) {
        deliveries.add(new Delivery(exchange.getRequestURI().toString(), body));
        notifyAll();
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
