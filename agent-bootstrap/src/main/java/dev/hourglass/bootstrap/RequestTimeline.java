package dev.hourglass.bootstrap;

/**
 * The JDBC executions and outgoing calls of one server request, in the order they ended, for the
 * slow-request breakdown. Kept in primitive arrays that belong to the thread's reusable {@link
 * RequestContext}: filling it costs a few array stores and allocates nothing; the agent copies it
 * only when the request turns out slow.
 *
 * <p>Bounded: the first {@link #capacity()} entries are kept, later ones only counted ({@link
 * #dropped()}). Off (capacity 0) until the agent {@linkplain #enable enables} it.
 *
 * <p>Confined to the request, as its context: written by the thread serving it, read at request
 * end by the thread that ends it.
 */
public final class RequestTimeline {
  public static final byte JDBC = 1;
  public static final byte HTTP = 2;

  private static volatile int entriesPerRequest;

  private final byte[] kinds;
  private final long[] offsets;
  private final long[] durations;
  /** JDBC: sanitized SQL (set by the agent once known); HTTP: host. */
  private final String[] texts;
  /** HTTP: method; JDBC: null. */
  private final String[] methods;
  /** HTTP: status (0 without a response); JDBC: 0. */
  private final int[] statuses;
  /** HTTP: port. */
  private final int[] ports;
  /** The error type of a failed entry (SQLState class, exception class, 5xx status), or null. */
  private final String[] errors;

  private int size;
  private int dropped;

  private RequestTimeline(int capacity) {
    kinds = new byte[capacity];
    offsets = new long[capacity];
    durations = new long[capacity];
    texts = new String[capacity];
    methods = new String[capacity];
    statuses = new int[capacity];
    ports = new int[capacity];
    errors = new String[capacity];
  }

  /** Turns capture on with room for {@code entries} per request; 0 turns it off. */
  public static void enable(int entries) {
    entriesPerRequest = Math.max(0, entries);
  }

  /** A timeline for a new context, or null while capture is off. */
  static RequestTimeline create() {
    int capacity = entriesPerRequest;
    return capacity == 0 ? null : new RequestTimeline(capacity);
  }

  void clear() {
    size = 0;
    dropped = 0;
  }

  /** Adds a JDBC execution; returns its index, or -1 when the timeline is full. */
  int addJdbc(long offsetNanos, long nanos) {
    int i = next(JDBC, offsetNanos, nanos);
    if (i >= 0) {
      texts[i] = null;
      methods[i] = null;
      statuses[i] = 0;
      ports[i] = 0;
      errors[i] = null;
    }
    return i;
  }

  /** Adds an outgoing call. */
  void addHttp(
      long offsetNanos,
      long nanos,
      String method,
      String host,
      int port,
      int status,
      String error) {
    int i = next(HTTP, offsetNanos, nanos);
    if (i >= 0) {
      texts[i] = host;
      methods[i] = method;
      statuses[i] = status;
      ports[i] = port;
      errors[i] = error;
    }
  }

  private int next(byte kind, long offsetNanos, long nanos) {
    if (size == kinds.length) {
      dropped++;
      return -1;
    }
    int i = size++;
    kinds[i] = kind;
    offsets[i] = offsetNanos;
    durations[i] = nanos;
    return i;
  }

  /** Names entry {@code i}'s statement and error once the agent has sanitized it. */
  public void describe(int i, String text, String error) {
    if (i >= 0 && i < size) {
      texts[i] = text;
      errors[i] = error;
    }
  }

  public int capacity() {
    return kinds.length;
  }

  public int size() {
    return size;
  }

  /** Entries that did not fit. */
  public int dropped() {
    return dropped;
  }

  public byte kind(int i) {
    return kinds[i];
  }

  /** Start of entry {@code i}, in ns after the request started. */
  public long offsetNanos(int i) {
    return offsets[i];
  }

  public long durationNanos(int i) {
    return durations[i];
  }

  public String text(int i) {
    return texts[i];
  }

  public String method(int i) {
    return methods[i];
  }

  public int status(int i) {
    return statuses[i];
  }

  public int port(int i) {
    return ports[i];
  }

  public String error(int i) {
    return errors[i];
  }
}
