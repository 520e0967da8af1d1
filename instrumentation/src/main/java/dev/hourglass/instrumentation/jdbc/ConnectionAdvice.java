package dev.hourglass.instrumentation.jdbc;

import dev.hourglass.bootstrap.JdbcCalls;
import net.bytebuddy.asm.Advice;

/** Advice inlined into {@code java.sql.Connection} implementations. */
public final class ConnectionAdvice {
  private ConnectionAdvice() {}

  /** {@code prepareStatement(String, ...)} and {@code prepareCall(String, ...)}. */
  public static class PrepareAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter() {
      JdbcCalls.createEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object connection,
        @Advice.Argument(0) String sql,
        @Advice.Return Object statement) {
      JdbcCalls.createExit(connection, sql, statement);
    }
  }

  /** {@code createStatement(...)}: the SQL comes with each execution. */
  public static class CreateStatementAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter() {
      JdbcCalls.createEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object connection, @Advice.Return Object statement) {
      JdbcCalls.createExit(connection, null, statement);
    }
  }

  /** {@code close()} that returned normally: the connection went back to its pool or closed. */
  public static class CloseAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object connection) {
      JdbcCalls.connectionClosed(connection);
    }
  }
}
