package dev.hourglass.bootstrap;

/**
 * What the agent learns about one server request while it runs: how many database calls, downstream
 * HTTP calls and cache lookups it made and how long they took. Bound to the thread that handles the request, so DB
 * and HTTP-client timings can be linked to the route.
 *
 * <p>Each thread reuses one instance for its synchronous requests, so timing a request allocates
 * nothing. A request that goes async {@linkplain #handOff() hands its instance off} to the code that
 * completes it, and the thread starts a fresh one next time.
 *
 * <p>Written by the request's own thread only; read at request end by the same thread or, for async
 * requests, by the thread that completes it after the handler thread has let go.
 */
public final class RequestContext {
  private static final ThreadLocal<RequestContext[]> SLOTS =
      new ThreadLocal<RequestContext[]>() {
        @Override
        protected RequestContext[] initialValue() {
          // [0] = the request in progress (null outside one), [1] = the thread's reusable instance
          return new RequestContext[2];
        }
      };

  public long startNanos;
  /** Set when the request went async: it is recorded by its async listener, not by the handler. */
  public boolean async;
  public int dbCalls;
  public long dbNanos;
  public int clientCalls;
  public long clientNanos;
  public int cacheHits;
  public int cacheMisses;
  /** Per-request state owned by the agent (for example N+1 counters); null until first needed. */
  public Object agentState;
  /**
   * The request's JDBC executions and outgoing calls, for slow-request breakdowns; null while
   * capture is off or before the first entry. Created once per instance, at its first entry, so a
   * thread's synchronous requests reuse it and requests without entries never allocate one.
   */
  public RequestTimeline timeline;
  /** The timeline index of the JDBC execution that ended last (-1 if it was not kept). */
  public int lastJdbcEntry = -1;
  /** What escaped the handler (or an async request's error), for the error inbox; else null. */
  public Throwable thrown;
  /**
   * The error-inbox groups of the failed executions and calls this request made, owned by the
   * agent, which names them with the route at the request's end; null while none failed.
   */
  public Object failedCalls;

  private RequestContext() {}

  /** The request the current thread is serving, or null outside a server request. */
  public static RequestContext current() {
    return SLOTS.get()[0];
  }

  static RequestContext begin(long startNanos) {
    RequestContext[] slots = SLOTS.get();
    RequestContext context = slots[1];
    if (context == null) {
      context = new RequestContext();
      slots[1] = context;
    }
    context.startNanos = startNanos;
    context.async = false;
    context.dbCalls = 0;
    context.dbNanos = 0;
    context.clientCalls = 0;
    context.clientNanos = 0;
    context.cacheHits = 0;
    context.cacheMisses = 0;
    context.agentState = null;
    context.thrown = null;
    context.failedCalls = null;
    context.lastJdbcEntry = -1;
    if (context.timeline != null) {
      context.timeline.clear();
    }
    slots[0] = context;
    return context;
  }

  /** Adds a JDBC execution that started at {@code startNanos} to the timeline. */
  void addJdbc(long startNanos, long nanos) {
    RequestTimeline entries = timeline();
    lastJdbcEntry = entries == null ? -1 : entries.addJdbc(startNanos - this.startNanos, nanos);
  }

  /** Adds a synchronous outgoing call that started at {@code startNanos} to the timeline. */
  void addHttp(
      long startNanos, long nanos, String method, String host, int port, int status, String error) {
    RequestTimeline entries = timeline();
    if (entries != null) {
      entries.addHttp(startNanos - this.startNanos, nanos, method, host, port, status, error);
    }
  }

  private RequestTimeline timeline() {
    if (timeline == null) {
      timeline = RequestTimeline.create();
    }
    return timeline;
  }

  /** Unbinds the request from the current thread; it stays valid until recorded. */
  static void unbind() {
    SLOTS.get()[0] = null;
  }

  /**
   * Gives up the thread's claim on this instance so it stays valid after the thread moves on to
   * other requests, and marks it async. It stays bound to the thread until the handler returns.
   */
  void markAsync() {
    async = true;
    RequestContext[] slots = SLOTS.get();
    if (slots[1] == this) {
      slots[1] = null;
    }
  }
}
