package dev.hourglass.benchmarks.hotpath;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.jdbc.JdbcConfig;
import dev.hourglass.agent.jdbc.JdbcRecorder;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.agent.weaving.SlotField;
import dev.hourglass.bootstrap.ConnectionSlot;
import dev.hourglass.bootstrap.DataSourceSlot;
import dev.hourglass.bootstrap.JdbcCalls;
import dev.hourglass.bootstrap.StatementSlot;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.FixedValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost Hourglass adds to one JDBC execution through HikariCP, against the same {@link
 * #baseline} and {@link #floor} as {@link ServletHotPathBenchmark}, in this class's own fork.
 *
 * <p>Each benchmark runs what the inlined JDBC advice calls, in the order it runs when a pool
 * proxy delegates to the driver: the proxy's woven method is the outermost call and the driver's
 * is nested in it. {@link #prepareAndExecute} prepares a statement on a connection already held
 * and executes it; {@link #borrowPrepareExecuteClose} adds the borrow from the data source and
 * the close that returns the connection (wait-time series, leak detector). The {@code
 * WithoutSlots} variants run the same on classes loaded before the agent, whose objects' state is
 * in the agent's weak identity maps. The JDBC objects are
 * instances of classes given the agent's slots by its own {@link SlotField}, as the weaver gives
 * them to a driver's and a pool's classes; their only code is the metadata read that tells the
 * database, once per physical connection. The installed {@link JdbcRecorder} has the agent's
 * default settings (leak detection on) and weaving complete.
 *
 * <p>The data source is shared between threads ({@link Scope#Benchmark}), as one pool is in an
 * application; connections and statements are each thread's own, as they are when borrowed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JdbcHotPathBenchmark {
  private static final String SQL = "SELECT id, name FROM owners WHERE id = ?";
  private static final String URL = "jdbc:postgresql://db.example:5432/petclinic";

  private Object dataSource;
  private Object dataSourceWithoutSlot;

  /**
   * One thread's JDBC objects, as HikariCP hands them out: a proxy connection over the driver's
   * (physical) connection, and a proxy statement over the driver's. A real pool creates new
   * proxies per borrow and prepare; reusing them here changes nothing the agent does (it reads
   * and writes their slots either way) but keeps the pool's own allocations out of the figure.
   */
  @State(Scope.Thread)
  public static class Session {
    Object proxyConnection;
    Object driverConnection;
    Object proxyStatement;
    Object driverStatement;

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
      proxyConnection = woven(Connection.class, ConnectionSlot.class);
      driverConnection = woven(Connection.class, ConnectionSlot.class);
      proxyStatement = woven(PreparedStatement.class, StatementSlot.class);
      driverStatement = woven(PreparedStatement.class, StatementSlot.class);
    }
  }

  /** The same objects of classes without slots (loaded before the agent): the agent's maps. */
  @State(Scope.Thread)
  public static class SessionWithoutSlots extends Session {
    @Override
    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
      proxyConnection = woven(Connection.class, null);
      driverConnection = woven(Connection.class, null);
      proxyStatement = woven(PreparedStatement.class, null);
      driverStatement = woven(PreparedStatement.class, null);
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws ReflectiveOperationException {
    JdbcRecorder recorder =
        new JdbcRecorder(
            new MetricRegistry(1000, 30),
            JdbcConfig.read(Config.load(null), Duration.ofSeconds(10)));
    recorder.weavingComplete();
    JdbcCalls.install(recorder);
    dataSource = woven(DataSource.class, DataSourceSlot.class);
    dataSourceWithoutSlot = woven(DataSource.class, null);
  }

  @Benchmark
  public long baseline(ServletHotPathBenchmark.Handler handler) {
    return handler.handle();
  }

  @Benchmark
  public long floor(ServletHotPathBenchmark.Handler handler) {
    long start = System.nanoTime();
    long result = handler.handle();
    handler.floorRecorder.recordValue((System.nanoTime() - start) / 1000);
    return result;
  }

  /** {@code prepareStatement(sql)} then {@code executeQuery()} on a connection already held. */
  @Benchmark
  public long prepareAndExecute(ServletHotPathBenchmark.Handler handler, Session session) {
    return prepareThenExecute(handler, session);
  }

  /** {@code getConnection()}, then {@link #prepareAndExecute}, then {@code close()}. */
  @Benchmark
  public long borrowPrepareExecuteClose(ServletHotPathBenchmark.Handler handler, Session session) {
    return borrowThenClose(handler, dataSource, session);
  }

  @Benchmark
  public long prepareAndExecuteWithoutSlots(
      ServletHotPathBenchmark.Handler handler, SessionWithoutSlots session) {
    return prepareThenExecute(handler, session);
  }

  @Benchmark
  public long borrowPrepareExecuteCloseWithoutSlots(
      ServletHotPathBenchmark.Handler handler, SessionWithoutSlots session) {
    return borrowThenClose(handler, dataSourceWithoutSlot, session);
  }

  private static long borrowThenClose(
      ServletHotPathBenchmark.Handler handler, Object dataSource, Session session) {
    long borrowStart = JdbcCalls.connectionEnter();
    JdbcCalls.connectionExit(dataSource, session.proxyConnection, borrowStart, null);
    long result = prepareThenExecute(handler, session);
    JdbcCalls.connectionClosed(session.proxyConnection);
    return result;
  }

  private static long prepareThenExecute(ServletHotPathBenchmark.Handler handler, Session session) {
    JdbcCalls.createEnter(); // the proxy's prepareStatement
    JdbcCalls.createEnter(); // the driver's, called by the proxy
    JdbcCalls.createExit(session.driverConnection, SQL, session.driverStatement);
    JdbcCalls.createExit(session.proxyConnection, SQL, session.proxyStatement);
    long start = JdbcCalls.executeEnter(); // the proxy's executeQuery
    long nested = JdbcCalls.executeEnter(); // the driver's
    long result = handler.handle();
    JdbcCalls.executeExit(session.driverStatement, null, JdbcCalls.PREPARED, nested, null);
    JdbcCalls.executeExit(session.proxyStatement, null, JdbcCalls.PREPARED, start, null);
    return result;
  }

  /**
   * An instance of a class implementing {@code jdbcType} with the agent's {@code slot} (none if
   * null), whose {@code getMetaData()} names {@link #URL}; its other methods are not implemented.
   */
  static Object woven(Class<?> jdbcType, Class<?> slot) throws ReflectiveOperationException {
    DatabaseMetaData metaData =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getURL" -> URL;
                      case "hashCode" -> System.identityHashCode(proxy);
                      case "equals" -> proxy == args[0];
                      default -> null;
                    });
    DynamicType.Builder<Object> type =
        new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .subclass(Object.class)
            .implement(jdbcType)
            .method(named("getMetaData").and(returns(DatabaseMetaData.class)))
            .intercept(FixedValue.value(metaData));
    return (slot == null ? type : type.visit(SlotField.of(slot)))
        .make()
        .load(JdbcHotPathBenchmark.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
        .getLoaded()
        .getConstructor()
        .newInstance();
  }
}
