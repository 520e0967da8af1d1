package dev.hourglass.bootstrap;

/**
 * Entry points that HTTP client advice calls around one logical request (redirects and retries
 * inside it included). The agent installs the {@link Listener} at start-up; until then, and on the
 * agent's own threads, nothing is timed and {@link #enter} costs a volatile read.
 *
 * <p>Shape (as {@link JdbcCalls}): enter advice returns {@link #enter}, exit advice calls {@link
 * #exit}; nesting is handled here, with the {@link CallDepth#HTTP_CLIENT} depth, so a client built
 * on another instrumented client (Spring's {@code RestTemplate} over Apache, Apache over nothing
 * else) is one measurement, at the outermost call. The depth is left after the call is recorded:
 * reading a response's headers may re-enter the client (as {@code HttpURLConnection} does).
 *
 * <p>Synchronous calls are added to the server request the thread is serving ({@link
 * RequestContext#clientCalls} and {@code clientNanos}). Asynchronous calls: {@link #startAsync} on
 * the calling thread, which counts the call for the request, then {@link #endAsync} from whichever
 * thread completes it; the time is not added to the request, because {@code RequestContext} is
 * written by its own thread only and an async call runs alongside the request rather than inside
 * its time.
 *
 * <p>Thread-safe; allocation-free apart from what the listener does.
 */
public final class HttpClientCalls {
  /** Receives finished calls. Implementations must never throw and never block. */
  public interface Listener {
    /**
     * @param status the response status, or 0 when no response arrived
     * @param error what the application saw thrown, or null
     * @param response the library's response (null without one), read through {@code headers}
     */
    <R> void onCall(
        String method,
        String host,
        int port,
        int status,
        Throwable error,
        long durationNanos,
        R response,
        HeaderLookup<R> headers);
  }

  private static volatile Listener listener;

  private HttpClientCalls() {}

  public static void install(Listener newListener) {
    listener = newListener;
  }

  /** Before a synchronous call; returns its start, or {@link Timing#NOT_TIMED} when nested. */
  public static long enter() {
    return CallDepth.enter(CallDepth.HTTP_CLIENT) ? start() : Timing.NOT_TIMED;
  }

  /** Before an asynchronous call; as {@link #enter}, and counts the call for the server request. */
  public static long enterAsync() {
    return CallDepth.enter(CallDepth.HTTP_CLIENT) ? startAsync() : Timing.NOT_TIMED;
  }

  /**
   * After a synchronous call, thrown or not: records it through {@code reader} if it was timed and
   * has a request, then leaves the call depth.
   */
  public static <T, Q, R> void exit(
      long start,
      T target,
      Q request,
      R response,
      Throwable thrown,
      HttpCallReader<T, Q, R> reader) {
    try {
      read(start, target, request, response, thrown, reader, true);
    } finally {
      CallDepth.exit(CallDepth.HTTP_CLIENT);
    }
  }

  /** After a call whose advice recorded it (or will, asynchronously): leaves the call depth. */
  public static void exit() {
    CallDepth.exit(CallDepth.HTTP_CLIENT);
  }

  /**
   * Starts timing a call without entering the call depth, for calls whose start and end are not
   * one method (an {@code HttpURLConnection} connected early); returns its start or {@link
   * Timing#NOT_TIMED}.
   */
  public static long start() {
    if (listener == null || onAgentThread()) {
      return Timing.NOT_TIMED;
    }
    return Timing.start();
  }

  /** Starts timing an async call and counts it for the server request on this thread. */
  public static long startAsync() {
    long start = start();
    if (start != Timing.NOT_TIMED) {
      RequestContext context = RequestContext.current();
      if (context != null) {
        context.clientCalls++;
      }
    }
    return start;
  }

  /**
   * Ends a call whose values the caller read itself. A synchronous call ({@code sync}) ended on the
   * thread that started it is added to that thread's server request; an async one, ended on any
   * thread, is not.
   */
  public static <R> void end(
      long start,
      boolean sync,
      String method,
      String host,
      int port,
      int status,
      Throwable error,
      R response,
      HeaderLookup<R> headers) {
    if (start == Timing.NOT_TIMED) {
      return;
    }
    long nanos = System.nanoTime() - start;
    RequestContext context = sync ? RequestContext.current() : null;
    if (context != null) {
      context.clientCalls++;
      context.clientNanos += nanos;
      context.addHttp(start, nanos, method, host, port, status, errorType(status, error));
    }
    Listener current = listener;
    if (current != null) {
      current.onCall(method, host, port, status, error, nanos, response, headers);
    }
  }

  /** Ends an async call started by {@link #startAsync} or {@link #enterAsync}; any thread. */
  public static <T, Q, R> void endAsync(
      long start,
      T target,
      Q request,
      R response,
      Throwable error,
      HttpCallReader<T, Q, R> reader) {
    read(start, target, request, response, error, reader, false);
  }

  /** Reads and ends a timed call that has a request; a call without one is not recorded. */
  private static <T, Q, R> void read(
      long start,
      T target,
      Q request,
      R response,
      Throwable error,
      HttpCallReader<T, Q, R> reader,
      boolean sync) {
    if (start == Timing.NOT_TIMED || request == null) {
      return;
    }
    int status = response == null ? 0 : reader.status(response);
    String method = reader.method(target, request);
    String host = reader.host(target, request);
    int port = reader.port(target, request);
    end(start, sync, method, host, port, status, error, status == 0 ? null : response, reader);
  }

  /** A call's error for its timeline entry: what was thrown when no response came, else null. */
  private static String errorType(int status, Throwable error) {
    return status == 0 && error != null ? error.getClass().getName() : null;
  }

  /** A URL's port, or the default port of its scheme (443 for https, else 80) when it has none. */
  public static int port(int port, String scheme) {
    if (port >= 0) {
      return port;
    }
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /**
   * The agent's own exports (OTLP over a relocated OkHttp, on threads named {@code hourglass-*})
   * must never be measured, whatever client a future exporter uses.
   */
  private static boolean onAgentThread() {
    return Thread.currentThread().getName().startsWith("hourglass-");
  }
}
