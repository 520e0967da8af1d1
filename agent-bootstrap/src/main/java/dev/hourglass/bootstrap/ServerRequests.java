package dev.hourglass.bootstrap;

/**
 * Entry points that servlet advice calls around the outermost {@code service}. The agent installs
 * the {@link Listener} at start-up; until then (or when disabled) requests are not recorded and the
 * calls cost a thread-local lookup and a volatile read.
 *
 * <p>Life of a request: {@link #start} on entry; then either {@link #end} when the handler returns,
 * or, for a request that went async, {@link #goAsync} when it starts async, {@link #leave} when the
 * handler returns and {@link #end} from the async listener when it completes. Exactly one {@code
 * end} per request.
 */
public final class ServerRequests {
  /** Receives finished requests. Implementations must never throw and never block. */
  public interface Listener {
    void onRequestEnd(
        RequestContext context,
        String method,
        String route,
        int status,
        String errorType,
        long endNanos);
  }

  private static volatile Listener listener;

  private ServerRequests() {}

  public static void install(Listener newListener) {
    listener = newListener;
  }

  /** Starts timing a request on the current thread; returns its context. */
  public static RequestContext start() {
    return RequestContext.begin(System.nanoTime());
  }

  /** The request went async: it will be ended by its async listener, possibly on another thread. */
  public static void goAsync(RequestContext context) {
    context.markAsync();
  }

  /** The handler of an async request returned: unbind it from this thread without recording. */
  public static void leave(RequestContext context) {
    if (RequestContext.current() == context) {
      RequestContext.unbind();
    }
  }

  /**
   * Records a finished request and unbinds it if the current thread is serving it. Called once per
   * request, by the thread that completes it (for async requests, possibly one busy with another).
   */
  public static void end(
      RequestContext context, String method, String route, int status, String errorType) {
    long end = System.nanoTime();
    leave(context);
    Listener current = listener;
    if (current != null) {
      current.onRequestEnd(context, method, route, status, errorType, end);
    }
  }
}
