package dev.hourglass.agent.jdbc;

import dev.hourglass.agent.errors.ErrorReporter;
import dev.hourglass.agent.jdbc.connections.ConnectionEndpoints;
import dev.hourglass.agent.jdbc.connections.ConnectionTracker;
import dev.hourglass.agent.jdbc.connections.DbEndpoint;
import dev.hourglass.agent.jdbc.connections.LeakDetector;
import dev.hourglass.agent.jdbc.findings.QueryFindings;
import dev.hourglass.agent.jdbc.findings.RequestDatabaseRecorder;
import dev.hourglass.agent.jdbc.findings.RequestQueries;
import dev.hourglass.agent.jdbc.findings.SlowQueries;
import dev.hourglass.agent.jdbc.sql.SqlSanitizer;
import dev.hourglass.agent.jdbc.sql.SqlStates;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.servlet.ServerRequestRecorder.RequestEndListener;
import dev.hourglass.agent.util.WeakIdentityMap;
import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.JdbcCalls;
import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.bootstrap.StatementSlot;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receives the JDBC family's events from {@link JdbcCalls} and turns them into metrics and
 * findings. Each statement object the application holds (a pool's proxy, or the driver's
 * statement) is given its {@link StatementState} in the {@link StatementSlot} woven into its
 * class, or, for a class without one (loaded before the agent, serializable), in a weak identity
 * map.
 *
 * <p>Hot path of an execution of a prepared statement: a field read, the state's series, one
 * HdrHistogram record, and, inside a server request, one tally probe. Plain statements add a cache
 * lookup by SQL text (hashing the text). Preparing a statement is a lookup by SQL text too, and
 * hands the statement the state shared by its shape and database. Nothing is allocated (the
 * driver allocates far more); a statement's first {@code addBatch} allocates its own state.
 *
 * <p>Thread-safe; never throws into the application (advice suppresses anything that escapes).
 */
public final class JdbcRecorder implements JdbcCalls.Listener {
  /** A driver's statement created for a pool proxy, waiting for the proxy's call to return. */
  private static final class InnerCreation {
    String sql;
    DbEndpoint endpoint;
  }

  private static final ThreadLocal<InnerCreation> INNER =
      ThreadLocal.withInitial(InnerCreation::new);

  private final JdbcSettings settings;
  private final OperationMetrics metrics;
  private final SlowQueries slowQueries;
  private final RequestDatabaseRecorder requests;
  private final ConnectionTracker connections;
  private final QueryFindings findings;
  private final ConnectionEndpoints endpoints = new ConnectionEndpoints();
  private final WeakIdentityMap<Object, StatementState> statements = new WeakIdentityMap<>(null);
  /** The state of plain statements (and of those the agent saw no SQL for), per database. */
  private final ConcurrentHashMap<DbEndpoint, StatementState> withoutShape =
      new ConcurrentHashMap<>();
  private final SqlShapeCache standardShapes;
  private final SqlShapeCache mysqlShapes;
  private final ErrorReporter errors;

  public JdbcRecorder(MetricRegistry registry, JdbcSettings settings) {
    this(registry, settings, ErrorReporter.NONE);
  }

  /** @param errors where failed executions go, for the error inbox */
  public JdbcRecorder(MetricRegistry registry, JdbcSettings settings, ErrorReporter errors) {
    this.settings = settings;
    this.errors = errors;
    this.findings = new QueryFindings(settings.keepFindings());
    this.metrics = new OperationMetrics(registry, settings.summaryOnly());
    this.slowQueries =
        new SlowQueries(
            registry, metrics, findings, settings.slowThresholdNanos(), settings.logIntervalNanos());
    this.requests =
        new RequestDatabaseRecorder(
            registry,
            metrics,
            slowQueries,
            findings,
            settings.nPlusOneThreshold(),
            settings.logIntervalNanos());
    LeakDetector leaks =
        settings.leakDetection()
            ? new LeakDetector(
                registry, findings, settings.leakThresholdNanos(), settings.leakFramesAlways())
            : null;
    this.connections = new ConnectionTracker(registry, leaks);
    this.standardShapes =
        new SqlShapeCache(new SqlSanitizer(false, settings.maxSqlLength()), settings.cacheSize());
    this.mysqlShapes =
        new SqlShapeCache(new SqlSanitizer(true, settings.maxSqlLength()), settings.cacheSize());
  }

  /** N+1 detection, slow-query routes and per-route database time, run at each request's end. */
  public RequestEndListener requestEndListener() {
    return requests;
  }

  /** Slow queries, N+1 patterns and leaks found so far, for the local endpoints. */
  public QueryFindings findings() {
    return findings;
  }

  /** Called once the weaver has instrumented every class loaded so far: leak tracking starts. */
  public void weavingComplete() {
    connections.weavingComplete();
  }

  @Override
  public void onStatementCreated(
      Object connection, String sql, Object statement, boolean outermost) {
    InnerCreation inner = INNER.get();
    if (!outermost) {
      // A pool proxy is delegating to the driver: remember the driver connection's database for
      // the proxy's own exit, which sees only the proxy connection. The innermost call of the
      // SQL is the driver's: a proxy's calls between it and the outermost (HikariCP's proxy class
      // calling its super class's method) pass the proxy connection, new per borrow, whose
      // database would otherwise be read again for every borrow.
      if (inner.endpoint == null || inner.sql != sql) {
        inner.sql = sql;
        inner.endpoint = endpoints.of(connection);
      }
      return;
    }
    if (statement == null) {
      inner.sql = null; // the outermost call threw: the next one starts afresh
      inner.endpoint = null;
      return;
    }
    DbEndpoint endpoint;
    if (inner.endpoint != null && inner.sql == sql) {
      endpoint = inner.endpoint;
    } else {
      endpoint = endpoints.of(connection);
    }
    inner.sql = null;
    inner.endpoint = null;
    // The series is resolved now, at prepare time, with the state the shape's statements share.
    StatementState state =
        sql == null
            ? withoutShape(endpoint)
            : metrics.preparedState(endpoint, shapes(endpoint).shapeOf(sql));
    remember(statement, state);
  }

  @Override
  public void onBatchAdded(Object statement, String sql) {
    StatementState shared = stateOf(statement);
    if (shared == null) {
      return; // a driver statement behind a proxy, or one created before the agent started
    }
    StatementState state = shared.forBatching();
    if (state != shared) {
      remember(statement, state);
    }
    if (sql != null && state.batchShape == null) {
      state.batchShape = shapes(state.endpoint).shapeOf(sql);
    }
    state.batchSize++;
  }

  @Override
  public void onExecuted(
      RequestContext context, Object statement, String sql, int kind, long nanos, Throwable thrown) {
    StatementState state = stateOf(statement);
    if (state == null) {
      state = adopt(statement);
    }
    DbEndpoint endpoint = state.endpoint;
    QueryShape shape;
    if (kind == JdbcCalls.BATCH) {
      shape = state.shape != null ? state.shape : state.batchShape;
      if (shape == null) {
        shape = QueryShape.UNKNOWN;
      }
      metrics.recordBatch(endpoint, shape, state.batchSize, nanos, thrown);
      state.batchExecuted();
    } else if (sql == null && state.shape != null) {
      shape = state.shape;
      metrics.record(state, nanos, thrown);
    } else {
      shape = sql != null ? shapes(endpoint).shapeOf(sql) : QueryShape.UNKNOWN;
      metrics.record(endpoint, shape, nanos, thrown);
    }
    if (context != null && context.timeline != null) {
      // The statement's sanitized text is shared with its series: naming the entry allocates nothing.
      context.timeline.describe(
          context.lastJdbcEntry, shape.sql.text(), thrown == null ? null : SqlStates.errorType(thrown));
    }
    RequestQueries tally = context == null ? null : tally(context);
    if (tally != null && shape.isSelect) {
      tally.tally(shape, nanos);
    }
    slowQueries.check(tally, endpoint, shape, nanos);
    if (thrown != null) {
      errors.thrown(ErrorReporter.JDBC, thrown, null);
    }
  }

  @Override
  public void onConnectionObtained(
      Object dataSource, Object connection, long endNanos, long nanos, Throwable thrown) {
    connections.obtained(dataSource, connection, endNanos, nanos, thrown);
  }

  @Override
  public void onConnectionClosed(Object connection) {
    connections.closed(connection);
  }

  private StatementState stateOf(Object statement) {
    if (statement instanceof StatementSlot) {
      return (StatementState) ((StatementSlot) statement).hourglass$statementState();
    }
    return statements.get(statement);
  }

  private void remember(Object statement, StatementState state) {
    if (statement instanceof StatementSlot) {
      StatementSlot slot = (StatementSlot) statement;
      // A statement prepared again (a driver's statement cache hands out the same object) usually
      // has this state already: reading first leaves its cache line clean for other threads.
      if (slot.hourglass$statementState() != state) {
        slot.hourglass$statementState(state);
      }
    } else {
      statements.put(statement, state);
    }
  }

  private StatementState withoutShape(DbEndpoint endpoint) {
    StatementState known = withoutShape.get(endpoint);
    if (known != null) {
      return known;
    }
    StatementState created = StatementState.shared(endpoint, null, null);
    StatementState raced = withoutShape.putIfAbsent(endpoint, created);
    return raced != null ? raced : created;
  }

  private SqlShapeCache shapes(DbEndpoint endpoint) {
    return endpoint.doubleQuotesAreStrings() ? mysqlShapes : standardShapes;
  }

  /** The request's tally, created on its first execution; null if another family owns the slot. */
  private static RequestQueries tally(RequestContext context) {
    Object state = context.agentState;
    if (state instanceof RequestQueries) {
      return (RequestQueries) state;
    }
    if (state != null) {
      return null;
    }
    RequestQueries tally = RequestQueries.take();
    context.agentState = tally;
    return tally;
  }

  /**
   * A statement created before the agent started, or by the application itself (a wrapper it
   * constructs around a driver's statement): learn its database now, once.
   */
  private StatementState adopt(Object statement) {
    Object connection = null;
    // The wrapper's getConnection() is the application's code: what JDBC it runs is not timed.
    CallDepth.enter(CallDepth.JDBC);
    try {
      connection = ((Statement) statement).getConnection();
    } catch (Throwable e) {
      // A getConnection() that throws, or a class that predates it: the execution is still timed,
      // as other_sql, and the fault counted.
      AdviceErrors.record(e);
    } finally {
      CallDepth.exit(CallDepth.JDBC);
    }
    StatementState state = withoutShape(endpoints.of(connection));
    remember(statement, state);
    return state;
  }
}
