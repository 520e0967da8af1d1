package dev.hourglass.bootstrap;

/**
 * Entry points that HTTP client advice calls around one logical request (redirects and retries
 * inside it included). The agent installs the {@link Listener} at start-up; until then, and on the
 * agent's own threads, nothing is timed and {@link #start} costs a volatile read.
 *
 * <p>Synchronous calls: {@link #start} then {@link #end} on the same thread; the call is added to
 * the server request the thread is serving ({@link RequestContext#clientCalls} and {@code
 * clientNanos}). Asynchronous calls: {@link #startAsync} on the calling thread, which counts the
 * call for the request, then {@link #endAsync} from whichever thread completes it; the time is not
 * added to the request, because {@code RequestContext} is written by its own thread only and an
 * async call runs alongside the request rather than inside its time.
 *
 * <p>Thread-safe; allocation-free apart from what the listener does.
 */
public final class HttpClientCalls {
  /** What {@link #start} returns when the call is not timed. */
  public static final long NOT_TIMED = 0L;

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

  /** Starts timing a call; returns its start time, or {@link #NOT_TIMED}. */
  public static long start() {
    if (listener == null || onAgentThread()) {
      return NOT_TIMED;
    }
    long now = System.nanoTime();
    // 0 is the "not timed" marker (and what suppressed enter advice returns): shift by 1 ns.
    return now == NOT_TIMED ? 1L : now;
  }

  /** Starts timing an async call and counts it for the server request on this thread. */
  public static long startAsync() {
    long start = start();
    if (start != NOT_TIMED) {
      RequestContext context = RequestContext.current();
      if (context != null) {
        context.clientCalls++;
      }
    }
    return start;
  }

  /** Ends a synchronous call started by {@link #start} on this thread. */
  public static <R> void end(
      long start,
      String method,
      String host,
      int port,
      int status,
      Throwable error,
      R response,
      HeaderLookup<R> headers) {
    if (start == NOT_TIMED) {
      return;
    }
    long nanos = System.nanoTime() - start;
    RequestContext context = RequestContext.current();
    if (context != null) {
      context.clientCalls++;
      context.clientNanos += nanos;
    }
    report(method, host, port, status, error, nanos, response, headers);
  }

  /** Ends an async call started by {@link #startAsync}; any thread. */
  public static <R> void endAsync(
      long start,
      String method,
      String host,
      int port,
      int status,
      Throwable error,
      R response,
      HeaderLookup<R> headers) {
    if (start == NOT_TIMED) {
      return;
    }
    report(method, host, port, status, error, System.nanoTime() - start, response, headers);
  }

  private static <R> void report(
      String method,
      String host,
      int port,
      int status,
      Throwable error,
      long nanos,
      R response,
      HeaderLookup<R> headers) {
    Listener current = listener;
    if (current != null) {
      current.onCall(method, host, port, status, error, nanos, response, headers);
    }
  }

  /**
   * The agent's own exports (OTLP over a relocated OkHttp, on threads named {@code hourglass-*})
   * must never be measured, whatever client a future exporter uses.
   */
  private static boolean onAgentThread() {
    return Thread.currentThread().getName().startsWith("hourglass-");
  }
}
