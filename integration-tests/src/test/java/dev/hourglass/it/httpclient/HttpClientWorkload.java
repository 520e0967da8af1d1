package dev.hourglass.it.httpclient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An application that calls a downstream service with real client libraries, run in a child JVM
 * with the agent. It waits for a go file (the test creates it once the agent has woven its
 * classes), runs one scenario, prints what it caught and exits; the agent's shutdown hook exports
 * the last interval.
 *
 * <p>Arguments: {@code <go-file> <scenario> <scenario arguments...>}, where a client target is
 * {@code <client>=<port>} or, for {@code calls}, {@code <client>=<port>:<refused-port>}.
 */
public final class HttpClientWorkload {
  private HttpClientWorkload() {}

  public static void main(String[] args) throws Exception {
    awaitGo(Path.of(args[0]));
    List<String> rest = Arrays.asList(args).subList(2, args.length);
    switch (args[1]) {
      case "calls" -> rest.forEach(HttpClientWorkload::standardCalls);
      case "percentiles" -> percentiles(rest.get(0));
      case "ratelimit" -> rateLimitSequence(Integer.parseInt(rest.get(0)));
      case "nesting" -> rest.forEach(HttpClientWorkload::nestedCalls);
      default -> throw new IllegalArgumentException("no scenario " + args[1]);
    }
    System.out.println("workload done");
    System.exit(0); // OkHttp's and the JDK client's pools would keep the JVM up for a minute
  }

  /** Per client: 3 GET 200, 2 POST 201, 1 GET 404, 1 GET 503, one refused, one read timeout. */
  private static void standardCalls(String target) {
    String client = target.substring(0, target.indexOf('='));
    String[] ports = target.substring(target.indexOf('=') + 1).split(":");
    String base = "http://127.0.0.1:" + ports[0];
    WorkloadClients.Client calls = WorkloadClients.named(client);
    for (int i = 0; i < 3; i++) {
      expect(client, calls, "GET", base + "/status/200", 200);
    }
    for (int i = 0; i < 2; i++) {
      expect(client, calls, "POST", base + "/status/201", 201);
    }
    expect(client, calls, "GET", base + "/status/404", 404);
    expect(client, calls, "GET", base + "/status/503", 503);
    caught(client, "refused", calls, "http://127.0.0.1:" + ports[1] + "/status/200");
    caught(client, "timeout", calls, base + "/hang");
  }

  /**
   * 18 calls answered after 30 ms and 2 after 300 ms: p50 is 30 ms, p95 300 ms. First 30 warm-up
   * calls to another port (another series), so class loading and JIT do not skew the measured ones.
   */
  private static void percentiles(String target) {
    String client = target.substring(0, target.indexOf('='));
    String[] ports = target.substring(target.indexOf('=') + 1).split(":");
    String base = "http://127.0.0.1:" + ports[0];
    WorkloadClients.Client calls = WorkloadClients.named(client);
    for (int i = 0; i < 30; i++) {
      expect(client, calls, "GET", "http://127.0.0.1:" + ports[1] + "/status/200", 200);
    }
    long[] micros = new long[20];
    for (int i = 0; i < micros.length; i++) {
      long start = System.nanoTime();
      expect(client, calls, "GET", base + (i % 10 == 9 ? "/delay/300" : "/delay/30"), 200);
      micros[i] = (System.nanoTime() - start) / 1000;
    }
    // What the application itself saw, by the nearest-rank definition HdrHistogram uses.
    Arrays.sort(micros);
    System.out.println("app-measured p50=" + micros[9] + " p95=" + micros[18]);
  }

  /**
   * GitHub-style headers with remaining counting down 4, 3, 2, 1, 0; a 429 with Retry-After; a
   * response with malformed values; then a new window with 5 remaining. Each response is held for
   * 700 ms, longer than the export interval, so every state is exported at least once.
   */
  private static void rateLimitSequence(int port) throws InterruptedException {
    WorkloadClients.Client calls = WorkloadClients.named("huc");
    String base = "http://localhost:" + port + "/headers?";
    long reset = System.currentTimeMillis() / 1000 + 600;
    for (int remaining = 4; remaining >= 0; remaining--) {
      rateLimited(calls, base + github(5, remaining, reset), 200);
    }
    rateLimited(calls, base + "status=429&Retry-After=30", 429);
    rateLimited(calls, base + query("X-RateLimit-Limit", "five", "X-RateLimit-Remaining", "-3",
        "X-RateLimit-Reset", "soon", "RateLimit", "r=;t=x"), 200);
    rateLimited(calls, base + github(5, 5, reset + 3600), 200);
  }

  private static String github(int limit, int remaining, long reset) {
    return query("X-RateLimit-Limit", Integer.toString(limit),
        "X-RateLimit-Remaining", Integer.toString(remaining),
        "X-RateLimit-Reset", Long.toString(reset));
  }

  private static String query(String... namesAndValues) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      query.append(i == 0 ? "" : "&")
          .append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return query.toString();
  }

  private static void rateLimited(WorkloadClients.Client calls, String url, int status)
      throws InterruptedException {
    expect("huc", calls, "GET", url, status);
    Thread.sleep(700);
  }

  /** Per client: 2 GET 200 and 1 POST 201 through a wrapper over an instrumented client. */
  private static void nestedCalls(String target) {
    String client = target.substring(0, target.indexOf('='));
    String base = "http://127.0.0.1:" + target.substring(target.indexOf('=') + 1);
    WorkloadClients.Client calls = WorkloadClients.named(client);
    expect(client, calls, "GET", base + "/status/200", 200);
    expect(client, calls, "GET", base + "/status/200", 200);
    expect(client, calls, "POST", base + "/status/201", 201);
  }

  private static void expect(
      String client, WorkloadClients.Client calls, String method, String url, int status) {
    try {
      int answered = calls.call(method, url);
      if (answered != status) {
        throw new AssertionError(client + " " + method + " " + url + " answered " + answered);
      }
    } catch (Exception e) {
      throw new AssertionError(client + " " + method + " " + url + " failed", e);
    }
  }

  /** Prints the class of what the call threw, as the application catches it. */
  private static void caught(String client, String what, WorkloadClients.Client calls, String url) {
    try {
      int status = calls.call("GET", url);
      System.out.println("caught " + client + " " + what + " nothing " + status);
    } catch (Exception e) {
      System.out.println("caught " + client + " " + what + " " + e.getClass().getName());
    }
  }

  private static void awaitGo(Path go) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(go)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no go file " + go + " within 60 s");
      }
      Thread.sleep(20);
    }
  }
}
