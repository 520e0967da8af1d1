package dev.hourglass.bootstrap;

/**
 * Entry points that servlet advice calls at the start and end of the outermost {@code service}.
 * The agent installs the {@link Listener} at start-up; until then (or when disabled) requests are
 * not recorded and these calls cost a volatile read.
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

  /** Detaches the request from the current thread without recording it (it went async). */
  public static RequestContext handOff(RequestContext context) {
    return context.handOff();
  }

  /**
   * Records a finished request and unbinds it if the current thread is serving it. Called once per
   * request, by the thread that completes it (for async requests, possibly one busy with another).
   */
  public static void end(
      RequestContext context, String method, String route, int status, String errorType) {
    long end = System.nanoTime();
    if (RequestContext.current() == context) {
      RequestContext.unbind();
    }
    Listener current = listener;
    if (current != null && context != null) {
      current.onRequestEnd(context, method, route, status, errorType, end);
    }
  }
}
