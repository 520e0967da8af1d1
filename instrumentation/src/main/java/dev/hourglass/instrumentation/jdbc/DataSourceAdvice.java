package dev.hourglass.instrumentation.jdbc;

import dev.hourglass.bootstrap.JdbcCalls;
import net.bytebuddy.asm.Advice;

/** Advice inlined into {@code javax.sql.DataSource} implementations. */
public final class DataSourceAdvice {
  private DataSourceAdvice() {}

  /** {@code getConnection()} and {@code getConnection(user, password)}; the arguments are unread. */
  public static class GetConnectionAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      return JdbcCalls.connectionEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object dataSource,
        @Advice.Return Object connection,
        @Advice.Enter long startNanos,
        @Advice.Thrown Throwable thrown) {
      JdbcCalls.connectionExit(dataSource, connection, startNanos, thrown);
    }
  }
}
