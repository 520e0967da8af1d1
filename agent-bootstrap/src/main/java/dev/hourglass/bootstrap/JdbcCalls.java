package dev.hourglass.bootstrap;

/**
 * Entry points that JDBC advice calls. The agent installs the {@link Listener} at start-up; until
 * then executions are still counted on the request context but not recorded.
 *
 * <p>JDBC objects are passed as {@code Object}: this class lives in the bootstrap class loader,
 * which cannot see {@code java.sql} (a platform-loader module).
 *
 * <p>Nesting: executions and statement creation share the {@link CallDepth#JDBC} family, obtaining
 * a connection uses {@link CallDepth#JDBC_CONNECTION}. A pool proxy delegating to the driver, or a
 * driver method calling another instrumented one, is therefore timed once, at the outermost call.
 * Every {@code *Enter} is paired with its {@code *Exit} by the advice, exceptions included.
 *
 * <p>Thread-safe; the execution path allocates nothing here.
 */
public final class JdbcCalls {
  /** What an execution was: the SQL came as an argument, from a prepare, or it ran a batch. */
  public static final int PLAIN = 0;

  public static final int PREPARED = 1;
  public static final int BATCH = 2;

  /** Receives JDBC events on the application's threads. Must never throw or block. */
  public interface Listener {
    /**
     * A statement was created by {@code connection}; {@code sql} is null for {@code
     * createStatement}. {@code outermost} is false for a driver call made by a pool proxy: that
     * statement is never executed by the application itself. {@code statement} is null only for
     * an outermost call that threw, so what its nested calls reported can be forgotten.
     */
    void onStatementCreated(Object connection, String sql, Object statement, boolean outermost);

    /** {@code addBatch}: {@code sql} for a plain statement's batch, null for a prepared one. */
    void onBatchAdded(Object statement, String sql);

    /**
     * An outermost execution finished.
     *
     * @param context the server request running on this thread, or null
     * @param sql the SQL argument of a plain execution; null for prepared statements and batches
     * @param kind {@link #PLAIN}, {@link #PREPARED} or {@link #BATCH}
     * @param thrown what the driver threw, or null
     */
    void onExecuted(
        RequestContext context, Object statement, String sql, int kind, long nanos, Throwable thrown);

    /**
     * An outermost {@code DataSource.getConnection} finished at {@code endNanos} ({@code
     * System.nanoTime()}) after {@code nanos}; connection is null if it threw.
     */
    void onConnectionObtained(
        Object dataSource, Object connection, long endNanos, long nanos, Throwable thrown);

    /** {@code Connection.close()} returned on this connection object (proxy or physical). */
    void onConnectionClosed(Object connection);
  }

  private static volatile Listener listener;

  private JdbcCalls() {}

  public static void install(Listener newListener) {
    listener = newListener;
  }

  /** Before an execution; returns the start time, or {@link Timing#NOT_TIMED} when nested. */
  public static long executeEnter() {
    return CallDepth.enter(CallDepth.JDBC) ? Timing.start() : Timing.NOT_TIMED;
  }

  /** After an execution, thrown or not; records it if it was the outermost. */
  public static void executeExit(
      Object statement, String sql, int kind, long startNanos, Throwable thrown) {
    if (!CallDepth.exit(CallDepth.JDBC) || startNanos == Timing.NOT_TIMED) {
      return;
    }
    long nanos = System.nanoTime() - startNanos;
    RequestContext context = RequestContext.current();
    if (context != null) {
      context.dbCalls++;
      context.dbNanos += nanos;
      context.addJdbc(startNanos, nanos);
    }
    Listener current = listener;
    if (current != null) {
      current.onExecuted(context, statement, sql, kind, nanos, thrown);
    }
  }

  /** Before {@code prepareStatement}, {@code prepareCall} or {@code createStatement}. */
  public static void createEnter() {
    CallDepth.enter(CallDepth.JDBC);
  }

  /** After them; {@code statement} is null when the call threw. */
  public static void createExit(Object connection, String sql, Object statement) {
    boolean outermost = CallDepth.exit(CallDepth.JDBC);
    Listener current = listener;
    if (current != null && (statement != null || outermost)) {
      current.onStatementCreated(connection, sql, statement, outermost);
    }
  }

  /**
   * After {@code addBatch}. A proxy delegating to the driver reports both objects; the agent only
   * keeps state for the one the application holds, so the batch is counted once.
   */
  public static void batchAdded(Object statement, String sql) {
    Listener current = listener;
    if (current != null) {
      current.onBatchAdded(statement, sql);
    }
  }

  /** Before {@code DataSource.getConnection}; the start time, or {@link Timing#NOT_TIMED}. */
  public static long connectionEnter() {
    return CallDepth.enter(CallDepth.JDBC_CONNECTION) ? Timing.start() : Timing.NOT_TIMED;
  }

  public static void connectionExit(
      Object dataSource, Object connection, long startNanos, Throwable thrown) {
    if (!CallDepth.exit(CallDepth.JDBC_CONNECTION) || startNanos == Timing.NOT_TIMED) {
      return;
    }
    long endNanos = System.nanoTime();
    Listener current = listener;
    if (current != null) {
      current.onConnectionObtained(
          dataSource, connection, endNanos, endNanos - startNanos, thrown);
    }
  }

  public static void connectionClosed(Object connection) {
    Listener current = listener;
    if (current != null) {
      current.onConnectionClosed(connection);
    }
  }
}
