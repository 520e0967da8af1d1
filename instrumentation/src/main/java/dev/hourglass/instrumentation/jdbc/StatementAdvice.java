package dev.hourglass.instrumentation.jdbc;

import dev.hourglass.bootstrap.JdbcCalls;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into {@code java.sql.Statement} implementations. Timing starts and ends in {@link
 * JdbcCalls}, which also decides whether a call is the outermost one (pool proxies delegate to the
 * driver's statement, whose own woven methods must not count the execution twice).
 */
public final class StatementAdvice {
  private StatementAdvice() {}

  /** {@code execute*(String sql, ...)}: the SQL is the argument. */
  public static class ExecuteSqlAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      return JdbcCalls.executeEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object statement,
        @Advice.Argument(0) String sql,
        @Advice.Enter long startNanos,
        @Advice.Thrown Throwable thrown) {
      JdbcCalls.executeExit(statement, sql, JdbcCalls.PLAIN, startNanos, thrown);
    }
  }

  /** {@code execute()}, {@code executeQuery()}...: the SQL was given at prepare time. */
  public static class ExecutePreparedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      return JdbcCalls.executeEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object statement,
        @Advice.Enter long startNanos,
        @Advice.Thrown Throwable thrown) {
      JdbcCalls.executeExit(statement, null, JdbcCalls.PREPARED, startNanos, thrown);
    }
  }

  /** {@code executeBatch()}, {@code executeLargeBatch()}. */
  public static class ExecuteBatchAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      return JdbcCalls.executeEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object statement,
        @Advice.Enter long startNanos,
        @Advice.Thrown Throwable thrown) {
      JdbcCalls.executeExit(statement, null, JdbcCalls.BATCH, startNanos, thrown);
    }
  }

  /** {@code Statement.addBatch(String)}. */
  public static class AddBatchSqlAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object statement, @Advice.Argument(0) String sql) {
      JdbcCalls.batchAdded(statement, sql);
    }
  }

  /** {@code PreparedStatement.addBatch()}. */
  public static class AddBatchAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object statement) {
      JdbcCalls.batchAdded(statement, null);
    }
  }
}
