package dev.hourglass.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Everything the agent's local web server serves, fetched in full: the paths are read from the
 * server's own routing code ({@code ApiHandler}'s cases and {@code StaticAssets}' files), so an
 * endpoint added there is scanned without anyone remembering this class; plus {@code
 * /api/history?series=} for every series it lists, {@code /api/traces/<id>} for every trace it lists, every file the dashboard page references, and
 * {@code /metrics} as Prometheus text, as OpenMetrics and gzip-compressed.
 */
final class AgentServerPages {
  private static final Path WEB_SOURCES = Path.of("..", "agent", "src", "main", "java", "dev",
      "hourglass", "agent", "web");
  private static final Pattern ROUTED = Pattern.compile("case \"(/[^\"]*)\"");
  private static final Pattern ASSET = Pattern.compile("\"(/[^\"]*)\",\\s*\"");
  private static final Pattern REFERENCED = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");
  private static final Pattern SERIES = Pattern.compile("\"series\":\\[([^\\]]*)\\]");
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern TRACE_ID = Pattern.compile("\\{\"id\":(\\d+)");

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  AgentServerPages(String base) {
    this.base = base;
  }

  /** The server's paths as its code declares them, e.g. {@code /api/metrics}, {@code /}. */
  static Set<String> declaredPaths() {
    Set<String> paths = new TreeSet<>();
    paths.addAll(matches(ROUTED, read(WEB_SOURCES.resolve("ApiHandler.java"))));
    paths.addAll(matches(ASSET, read(WEB_SOURCES.resolve("StaticAssets.java"))));
    return paths;
  }

  /** Fetches every page, asserting each answers 200; keyed by what was asked for. */
  Map<String, String> fetchAll() {
    Map<String, String> pages = new LinkedHashMap<>();
    for (String path : declaredPaths()) {
      for (String asked : withWindow(path)) {
        pages.put(asked, get(asked, Map.of()));
      }
    }
    // The disk history's windows too, not only the in-memory ring.
    pages.put("/api/history?from=0", get("/api/history?from=0", Map.of()));
    for (String referenced : matches(REFERENCED, pages.get("/"))) {
      pages.putIfAbsent(referenced, get(referenced, Map.of()));
    }
    Matcher series = SERIES.matcher(pages.get("/api/history"));
    if (series.find()) {
      for (String id : matches(QUOTED, series.group(1))) {
        String path = "/api/history?series=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        pages.put(path, get(path, Map.of()));
      }
    }
    // Each kept request breakdown in full (its statements and calls), not only the summaries.
    for (String id : matches(TRACE_ID, pages.get("/api/traces"))) {
      pages.put("/api/traces/" + id, get("/api/traces/" + id, Map.of()));
    }
    pages.put(
        "/metrics (OpenMetrics)",
        get("/metrics", Map.of("Accept", "application/openmetrics-text; version=1.0.0")));
    pages.put("/metrics (gzip)", get("/metrics", Map.of("Accept-Encoding", "gzip")));
    return pages;
  }

  /** The export in both formats, over all of history (from the epoch; without from, the last 24 h). */
  private static List<String> withWindow(String path) {
    return path.equals("/api/export")
        ? List.of("/api/export?format=csv&from=0", "/api/export?format=json&from=0")
        : List.of(path);
  }

  private String get(String path, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
      byte[] body = response.body();
      if (response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
        body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
      }
      return new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("the agent's web sources are read to list its paths", e);
    }
  }
}
