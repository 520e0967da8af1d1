package dev.hourglass.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.config.Config;
import dev.hourglass.agent.metrics.MetricRegistry;
import dev.hourglass.bootstrap.ConnectionSlot;
import dev.hourglass.bootstrap.DataSourceSlot;
import dev.hourglass.bootstrap.JdbcCalls;
import dev.hourglass.bootstrap.StatementSlot;
import dev.hourglass.snapshot.LatencyPoint;
import dev.hourglass.snapshot.MetricNames;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC path the advice runs allocates nothing per operation once warm: statement execution
 * with its prepare, and the connection borrow and close around them, through a pool proxy over a
 * driver as HikariCP's are woven (the JDBC objects' classes have the agent's slots, as woven
 * classes do). Measured with this thread's allocated bytes over many operations, so that one-time
 * set-up (a thread's first slots, the leak sweeper's start) amortizes below one byte.
 */
class HotPathAllocationTest {
  private static final int WARM_UP = 20_000;
  private static final int MEASURED = 200_000;
  private static final String SQL = "SELECT id, name FROM owners WHERE id = ?";

  private final MetricRegistry registry = new MetricRegistry(1000, 30);
  private final Object dataSource = new Slotted();
  private final Object proxyConnection = connection();
  private final Object driverConnection = connection();
  private final Object proxyStatement = new Slotted();
  private final Object driverStatement = new Slotted();

  HotPathAllocationTest() {
    JdbcRecorder recorder =
        new JdbcRecorder(registry, JdbcConfig.read(Config.load(null), Duration.ofSeconds(10)));
    recorder.weavingComplete();
    JdbcCalls.install(recorder);
  }

  @AfterEach
  void uninstall() {
    JdbcCalls.install(null);
  }

  @Test
  void preparingAndExecutingAStatementAllocatesNothing() {
    double bytesPerOperation = allocatedPerOperation(this::prepareAndExecute);

    assertThat(bytesPerOperation).isLessThan(1);
    assertThat(executionsRecorded()).isEqualTo(WARM_UP + MEASURED);
  }

  @Test
  void borrowingPreparingExecutingAndClosingAllocatesNothing() {
    double bytesPerOperation = allocatedPerOperation(this::borrowPrepareExecuteClose);

    assertThat(bytesPerOperation).isLessThan(1);
    assertThat(executionsRecorded()).isEqualTo(WARM_UP + MEASURED);
  }

  private double allocatedPerOperation(Runnable operation) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARM_UP; i++) {
      operation.run();
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < MEASURED; i++) {
      operation.run();
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    return (double) allocated / MEASURED;
  }

  /** What the advice of the proxy's prepareStatement and executeQuery runs, the driver's nested. */
  private void prepareAndExecute() {
    JdbcCalls.createEnter();
    JdbcCalls.createEnter();
    JdbcCalls.createExit(driverConnection, SQL, driverStatement);
    JdbcCalls.createExit(proxyConnection, SQL, proxyStatement);
    long start = JdbcCalls.executeEnter();
    long nested = JdbcCalls.executeEnter();
    JdbcCalls.executeExit(driverStatement, null, JdbcCalls.PREPARED, nested, null);
    JdbcCalls.executeExit(proxyStatement, null, JdbcCalls.PREPARED, start, null);
  }

  private void borrowPrepareExecuteClose() {
    long start = JdbcCalls.connectionEnter();
    JdbcCalls.connectionExit(dataSource, proxyConnection, start, null);
    prepareAndExecute();
    JdbcCalls.connectionClosed(proxyConnection);
  }

  private long executionsRecorded() {
    return registry.collect(1, 0, 1).latencies().stream()
        .filter(point -> point.instrument().name().equals(MetricNames.DB_CLIENT_OPERATION_DURATION))
        .filter(point -> point.attributeValues().get(2).equals(SQL))
        .mapToLong(HotPathAllocationTest::count)
        .sum();
  }

  private static long count(LatencyPoint point) {
    return point.interval().getTotalCount();
  }

  /** A statement or data-source class as woven: each slot's field and accessors. */
  private static final class Slotted implements StatementSlot, DataSourceSlot {
    private Object statementState;
    private Object dataSourceState;

    @Override
    public Object hourglass$statementState() {
      return statementState;
    }

    @Override
    public void hourglass$statementState(Object state) {
      statementState = state;
    }

    @Override
    public Object hourglass$dataSourceState() {
      return dataSourceState;
    }

    @Override
    public void hourglass$dataSourceState(Object state) {
      dataSourceState = state;
    }
  }

  /** A connection with its slot, to PostgreSQL; calls without arguments allocate nothing. */
  private static Object connection() {
    DatabaseMetaData metaData =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                HotPathAllocationTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) ->
                    method.getName().equals("getURL") ? "jdbc:postgresql://db:5432/app" : null);
    Object[] slot = new Object[1];
    return Proxy.newProxyInstance(
        HotPathAllocationTest.class.getClassLoader(),
        new Class<?>[] {Connection.class, ConnectionSlot.class},
        (proxy, method, args) ->
            switch (method.getName()) {
              case "getMetaData" -> metaData;
              case "hourglass$connectionState" -> {
                if (args != null) {
                  slot[0] = args[0];
                }
                yield args == null ? slot[0] : null;
              }
              default -> null;
            });
  }
}
