package dev.hourglass.it.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hourglass.it.web.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A loopback endpoint speaking PagerDuty's Events API v2 contract at {@code /v2/enqueue}: it
 * accepts a JSON event with a {@code routing_key}, an {@code event_action} of trigger, acknowledge
 * or resolve, a {@code dedup_key} of at most 255 characters (required but for trigger), and for a
 * trigger a {@code payload} with {@code summary}, {@code source} and a {@code severity} of
 * critical, error, warning or info — answering 202 {@code {"status":"success",...}} — and refuses
 * anything else with 400 {@code {"status":"invalid event",...}}, as the real service does. Any
 * other path takes a generic webhook and answers 204. Keeps what arrived.
 */
final class PagerDutyEndpoint implements AutoCloseable {
  private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  /** One request: its path, its body parsed, and whether the contract accepted it. */
  record Delivery(String path, Map<String, Object> body, boolean accepted) {
    String action() {
      return (String) body.get("event_action");
    }

    String dedupKey() {
      return (String) body.get("dedup_key");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> payload() {
      return (Map<String, Object>) body.getOrDefault("payload", Map.of());
    }
  }

  private final HttpServer server;
  private final List<Delivery> deliveries = new ArrayList<>();

  private PagerDutyEndpoint(HttpServer server) {
    this.server = server;
  }

  static PagerDutyEndpoint start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      PagerDutyEndpoint endpoint = new PagerDutyEndpoint(server);
      server.createContext("/", endpoint::handle);
      server.start();
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException("PagerDuty endpoint did not start", e);
    }
  }

  String eventsUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue";
  }

  String webhookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Waits until a delivery matching {@code wanted} arrives; fails listing what did arrive. */
  Delivery await(Predicate<Delivery> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        for (Delivery delivery : deliveries) {
          if (wanted.test(delivery)) {
            return delivery;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching delivery within " + timeout + "; got " + deliveries);
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, Object> body = Json.object(text);
      String problem = path.equals("/v2/enqueue") ? problem(body) : null;
      synchronized (this) {
        deliveries.add(new Delivery(path, body, problem == null));
        notifyAll();
      }
      if (!path.equals("/v2/enqueue")) {
        exchange.sendResponseHeaders(204, -1);
      } else if (problem == null) {
        answer(exchange, 202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\""
            + body.get("dedup_key") + "\"}");
      } else {
        answer(exchange, 400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"" + problem + "\"]}");
      }
    }
  }

  /** What the Events API v2 would refuse in this event, or null. */
  private static String problem(Map<String, Object> event) {
    if (!(event.get("routing_key") instanceof String key) || key.isBlank()) {
      return "'routing_key' is missing or blank.";
    }
    if (!(event.get("event_action") instanceof String action) || !ACTIONS.contains(action)) {
      return "'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve').";
    }
    Object dedup = event.get("dedup_key");
    if (dedup != null && (!(dedup instanceof String text) || text.length() > 255)) {
      return "'dedup_key' must be a string of at most 255 characters.";
    }
    if (!action.equals("trigger")) {
      return dedup == null ? "'dedup_key' is required for " + action + " events." : null;
    }
    if (!(event.get("payload") instanceof Map<?, ?> payload)) {
      return "'payload' is missing or not an object.";
    }
    for (String field : List.of("summary", "source")) {
      if (!(payload.get(field) instanceof String value) || value.isBlank()) {
        return "'payload." + field + "' is missing or blank.";
      }
    }
    if (!SEVERITIES.contains(payload.get("severity"))) {
      return "'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info').";
    }
    return null;
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
