package dev.hourglass.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * What {@code java.net.http.HttpClient} advice does. {@code send} is timed on the calling thread;
 * {@code sendAsync} from the call until its response future completes. Both cover the client's
 * redirects and retries, which happen inside one exchange.
 *
 * <p>The {@code java.net.http} module is defined to the platform class loader, which the bootstrap
 * loader (where this class lives) cannot see: the advice passes the request's method and URI
 * itself, and responses are read through method handles resolved once, on first use, from the
 * platform loader. Stateless apart from those handles; thread-safe.
 */
public final class JdkHttpClientCalls {
  private static final MethodHandle STATUS_CODE;
  private static final MethodHandle HEADER_MAP;

  static {
    MethodHandle status = null;
    MethodHandle headerMap = null;
    try {
      ClassLoader platform = ClassLoader.getPlatformClassLoader();
      Class<?> response = Class.forName("java.net.http.HttpResponse", false, platform);
      Class<?> headers = Class.forName("java.net.http.HttpHeaders", false, platform);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      status =
          lookup
              .findVirtual(response, "statusCode", MethodType.methodType(int.class))
              .asType(MethodType.methodType(int.class, Object.class));
      headerMap =
          MethodHandles.filterReturnValue(
                  lookup.findVirtual(response, "headers", MethodType.methodType(headers)),
                  lookup.findVirtual(headers, "map", MethodType.methodType(Map.class)))
              .asType(MethodType.methodType(Map.class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.warnOnce("jdk-http-client", "cannot read java.net.http responses: " + e);
    }
    STATUS_CODE = status;
    HEADER_MAP = headerMap;
  }

  /** {@code HttpHeaders.map()} is ordered case-insensitively, so a plain get finds any spelling. */
  private static final HeaderLookup<Map<String, List<String>>> HEADERS =
      (headers, name) -> {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
      };

  private JdkHttpClientCalls() {}

  /** {@code send} returned {@code response} (an {@code HttpResponse}) or threw. */
  public static void endSend(
      long start, String method, URI uri, Object response, Throwable thrown) {
    if (start == HttpClientCalls.NOT_TIMED) {
      return;
    }
    int status = status(response);
    HttpClientCalls.end(
        start, method, host(uri), port(uri), status, thrown, headers(response, status), HEADERS);
  }

  /** {@code sendAsync} returned {@code future}: record the call when it completes. */
  public static void endSendAsync(
      long start, String method, URI uri, CompletableFuture<?> future, Throwable thrown) {
    if (start == HttpClientCalls.NOT_TIMED) {
      return;
    }
    if (future == null || thrown != null) {
      completed(start, method, uri, null, thrown);
      return;
    }
    future.whenComplete(new Completion(start, method, uri));
  }

  static void completed(long start, String method, URI uri, Object response, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    int status = status(response);
    HttpClientCalls.endAsync(
        start, method, host(uri), port(uri), status, cause, headers(response, status), HEADERS);
  }

  private static int status(Object response) {
    if (response == null || STATUS_CODE == null) {
      return 0;
    }
    try {
      return (int) STATUS_CODE.invokeExact(response);
    } catch (Throwable e) {
      return 0;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> headers(Object response, int status) {
    if (response == null || status == 0 || HEADER_MAP == null) {
      return null;
    }
    try {
      return (Map<String, List<String>>) (Map<?, ?>) HEADER_MAP.invokeExact(response);
    } catch (Throwable e) {
      return null;
    }
  }

  private static String host(URI uri) {
    return uri == null ? null : uri.getHost();
  }

  private static int port(URI uri) {
    if (uri == null) {
      return -1;
    }
    int port = uri.getPort();
    if (port >= 0) {
      return port;
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /**
   * Records the call when its future completes. It runs in a dependent stage nobody reads, so a
   * fault here would vanish silently: it is counted instead.
   */
  private static final class Completion implements BiConsumer<Object, Throwable> {
    private final long start;
    private final String method;
    private final URI uri;

    Completion(long start, String method, URI uri) {
      this.start = start;
      this.method = method;
      this.uri = uri;
    }

    @Override
    public void accept(Object response, Throwable failure) {
      try {
        completed(start, method, uri, response, failure);
      } catch (Throwable fault) {
        AdviceErrors.record(fault);
      }
    }
  }
}
