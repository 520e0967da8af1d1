package dev.hourglass.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Minimal blocking HTTP calls for tests that poke servers running in child JVMs or in this one. */
public final class Http {

  /** Long enough for a cold child JVM to answer its first request, short enough to fail a hung test. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  // HTTP/1.1 only: the servers under test are plain servlet containers and the OTLP receiver's JDK server.
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(DEFAULT_TIMEOUT)
      .build();

  private Http() {}

  /** Status and body of one answered request. The body is decoded as UTF-8. */
  public record Response(int status, String body) {}

  public static Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), DEFAULT_TIMEOUT);
  }

  /** A GET that may take up to {@code timeout}, e.g. the first request to a cold JVM on a busy machine. */
  public static Response get(String url, Duration timeout) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), timeout);
  }

  /** A GET with extra request headers (cookies, credentials). */
  public static Response get(String url, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    headers.forEach(request::header);
    return send(request, DEFAULT_TIMEOUT);
  }

  public static Response post(String url, String contentType, String body) {
    return post(url, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), DEFAULT_TIMEOUT);
  }

  /**
   * Posts raw bytes with extra headers. Throws {@link UncheckedIOException} when no answer arrives (connection
   * closed, refused, or {@code timeout} passed), so fault-injection tests can assert on exactly that.
   */
  public static Response post(
      String url, String contentType, byte[] body, Map<String, String> headers, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request, timeout);
  }

  /** Any method with a JSON body (none when null) and extra headers. */
  public static Response send(String url, String method, String json, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return send(request, DEFAULT_TIMEOUT);
  }

  private static Response send(HttpRequest.Builder request, Duration timeout) {
    try {
      HttpResponse<String> response =
          CLIENT.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an HTTP answer", e);
    }
  }
}
