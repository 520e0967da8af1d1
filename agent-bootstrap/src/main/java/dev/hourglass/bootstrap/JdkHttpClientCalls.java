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
 * loader (where this class lives) cannot see: requests and responses are read through method
 * handles resolved once, on first use, from the platform loader. Stateless apart from those
 * handles; thread-safe.
 */
public final class JdkHttpClientCalls {
  private static final MethodHandle METHOD;
  private static final MethodHandle URI_OF;
  private static final MethodHandle STATUS_CODE;
  private static final MethodHandle HEADER_MAP;

  static {
    MethodHandle method = null;
    MethodHandle uri = null;
    MethodHandle status = null;
    MethodHandle headerMap = null;
    try {
      ClassLoader platform = ClassLoader.getPlatformClassLoader();
      Class<?> request = Class.forName("java.net.http.HttpRequest", false, platform);
      Class<?> response = Class.forName("java.net.http.HttpResponse", false, platform);
      Class<?> headers = Class.forName("java.net.http.HttpHeaders", false, platform);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      method =
          lookup
              .findVirtual(request, "method", MethodType.methodType(String.class))
              .asType(MethodType.methodType(String.class, Object.class));
      uri =
          lookup
              .findVirtual(request, "uri", MethodType.methodType(URI.class))
              .asType(MethodType.methodType(URI.class, Object.class));
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
    METHOD = method;
    URI_OF = uri;
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

  /**
   * {@code send(request)} returned {@code response} (an {@code HttpResponse}) or threw: records the
   * call if it was timed and leaves the call depth. Only a timed call reads the request: it may be
   * the application's own {@code HttpRequest} subclass, whose getters may throw, and the nested
   * {@code sendAsync} must not read it again.
   */
  public static void exitSend(long start, Object request, Object response, Throwable thrown) {
    try {
      if (start != Timing.NOT_TIMED && METHOD != null) {
        URI uri = uri(request);
        int status = status(response);
        HttpClientCalls.end(
            start,
            true,
            method(request),
            host(uri),
            port(uri),
            status,
            thrown,
            headers(response, status),
            HEADERS);
      }
    } finally {
      HttpClientCalls.exit();
    }
  }

  /**
   * {@code sendAsync(request)} returned {@code future} or threw: records the call when the future
   * completes (now, if there is none) and leaves the call depth.
   */
  public static void exitSendAsync(
      long start, Object request, CompletableFuture<?> future, Throwable thrown) {
    try {
      if (start != Timing.NOT_TIMED && METHOD != null) {
        String method = method(request);
        URI uri = uri(request);
        if (future == null || thrown != null) {
          completed(start, method, uri, null, thrown);
        } else {
          future.whenComplete(new Completion(start, method, uri));
        }
      }
    } finally {
      HttpClientCalls.exit();
    }
  }

  private static String method(Object request) {
    return (String) read(METHOD, request);
  }

  private static URI uri(Object request) {
    return (URI) read(URI_OF, request);
  }

  /** Calls a getter of the request; what the application's getter throws reaches the advice. */
  private static Object read(MethodHandle getter, Object request) {
    try {
      return getter.invoke(request);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static void completed(long start, String method, URI uri, Object response, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    int status = status(response);
    HttpClientCalls.end(
        start,
        false,
        method,
        host(uri),
        port(uri),
        status,
        cause,
        headers(response, status),
        HEADERS);
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
    return uri == null ? -1 : HttpClientCalls.port(uri.getPort(), uri.getScheme());
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
