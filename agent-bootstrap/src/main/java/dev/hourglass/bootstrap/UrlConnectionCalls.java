package dev.hourglass.bootstrap;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What {@code HttpURLConnection} advice does. One call spans from the first of {@code connect},
 * {@code getOutputStream} or {@code getInputStream} to the end of the first {@code getInputStream}
 * (which {@code getResponseCode} and the header getters go through): the response status and
 * headers are known then, and reading the body is the application's business.
 *
 * <p>The JDK class cannot get new fields (classes already loaded are retransformed, which forbids
 * changing their shape), so the start of a call that began with {@code connect} or {@code
 * getOutputStream} waits in a weak map keyed by the connection until {@code getInputStream}. Calls
 * that go straight to the response, the common case, never touch the map.
 *
 * <p>Every entry point is guarded by the HTTP-client call depth: the class calls itself ({@code
 * getResponseCode} and the header getters go through {@code getInputStream}, which calls {@code
 * connect}), and other clients may sit on top of it.
 *
 * <p>Thread-safe: the map is guarded by its own lock.
 */
public final class UrlConnectionCalls {
  private static final Object LOCK = new Object();
  private static final Map<HttpURLConnection, Long> EARLY_STARTS = new WeakHashMap<>(); // LOCK

  /** Reads headers one by one; for responses that completed without an exception. */
  private static final HeaderLookup<HttpURLConnection> CONNECTION_HEADERS =
      (connection, name) -> connection.getHeaderField(name);

  /**
   * Reads headers from the map {@code getHeaderFields} returned. Used for error responses: there
   * every header getter rethrows the remembered exception internally (building a new one through
   * reflection), so the headers are fetched once instead of once per name.
   */
  private static final HeaderLookup<Map<String, List<String>>> MAP_HEADERS =
      (headers, name) -> {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
          if (name.equalsIgnoreCase(entry.getKey())) {
            List<String> values = entry.getValue();
            return values == null || values.isEmpty() ? null : values.get(0);
          }
        }
        return null;
      };

  private UrlConnectionCalls() {}

  /**
   * Before {@code connect} or {@code getOutputStream}: a call that starts before its response.
   * Returns whether this is the outermost call.
   */
  public static boolean enterConnect(HttpURLConnection connection, boolean connected) {
    if (!CallDepth.enter(CallDepth.HTTP_CLIENT)) {
      return false;
    }
    if (!connected) {
      beginEarly(connection);
    }
    return true;
  }

  /** After {@code connect} or {@code getOutputStream}; a failure of the outermost ends the call. */
  public static void exitConnect(
      boolean outermost, HttpURLConnection connection, URL url, String method, Throwable thrown) {
    try {
      if (outermost && thrown != null) {
        failEarly(connection, url, method, thrown);
      }
    } finally {
      HttpClientCalls.exit();
    }
  }

  /**
   * Before {@code getInputStream}: the first one on a connection (no input stream and no remembered
   * failure yet) ends its call. Returns the call's start, possibly remembered from earlier, or
   * {@link Timing#NOT_TIMED}.
   */
  public static long enterResponse(
      HttpURLConnection connection, Object inputStream, Object rememberedException) {
    if (!CallDepth.enter(CallDepth.HTTP_CLIENT)) {
      return Timing.NOT_TIMED;
    }
    if (inputStream != null || rememberedException != null) {
      return Timing.NOT_TIMED; // the response is known: this call was measured already
    }
    return beginResponse(connection);
  }

  /**
   * After {@code getInputStream}: records the call if it was timed, then leaves the call depth.
   * Reading headers re-enters {@code getInputStream}, untimed, because the depth is still held.
   */
  public static void exitResponse(
      long start,
      HttpURLConnection connection,
      URL url,
      String method,
      int responseCode,
      Throwable thrown) {
    try {
      if (start == Timing.NOT_TIMED) {
        return;
      }
      int status = responseCode > 0 ? responseCode : 0;
      String host = host(url);
      int port = port(url);
      if (status != 0 && thrown == null) {
        HttpClientCalls.end(
            start, true, method, host, port, status, null, connection, CONNECTION_HEADERS);
        return;
      }
      // No response (status 0) has no headers; an error response's come as one map (see above).
      Map<String, List<String>> headers = status == 0 ? null : connection.getHeaderFields();
      HttpClientCalls.end(start, true, method, host, port, status, thrown, headers, MAP_HEADERS);
    } finally {
      HttpClientCalls.exit();
    }
  }

  /** {@code connect} or {@code getOutputStream} began a call: remember when, unless known. */
  private static void beginEarly(HttpURLConnection connection) {
    long start = HttpClientCalls.start();
    if (start == Timing.NOT_TIMED) {
      return;
    }
    synchronized (LOCK) {
      EARLY_STARTS.putIfAbsent(connection, start);
    }
  }

  /**
   * {@code connect} or {@code getOutputStream} threw: the call ends here (the application
   * usually gives up on the connection), so it is recorded now.
   */
  private static void failEarly(
      HttpURLConnection connection, URL url, String method, Throwable thrown) {
    Long start;
    synchronized (LOCK) {
      start = EARLY_STARTS.remove(connection);
    }
    if (start != null) {
      HttpClientCalls.end(
          start, true, method, host(url), port(url), 0, thrown, null, MAP_HEADERS);
    }
  }

  /** The first {@code getInputStream}: the call's start, possibly remembered from earlier. */
  private static long beginResponse(HttpURLConnection connection) {
    Long early;
    synchronized (LOCK) {
      early = EARLY_STARTS.isEmpty() ? null : EARLY_STARTS.remove(connection);
    }
    return early != null ? early : HttpClientCalls.start();
  }

  private static String host(URL url) {
    return url == null ? null : url.getHost();
  }

  private static int port(URL url) {
    if (url == null) {
      return -1;
    }
    int port = url.getPort();
    return port >= 0 ? port : url.getDefaultPort();
  }
}
