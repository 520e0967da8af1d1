package dev.hourglass.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.bootstrap.StatementSlot;
import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times executions of every {@code java.sql.Statement} implementation, whichever driver or pool
 * provides it: {@code execute*(String...)} of plain statements, the no-argument {@code execute*}
 * of prepared and callable statements, and {@code executeBatch}/{@code executeLargeBatch}; and
 * follows {@code addBatch} so batches know their SQL and size.
 */
public final class StatementInstrumentation implements TypeInstrumentation {
  private static final String ADVICE = "dev.hourglass.instrumentation.jdbc.StatementAdvice";

  @Override
  public Family family() {
    return Family.JDBC;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    // java.sql lives in the platform loader, which every application loader delegates to.
    return ClassLoaderMatchers.canSee("java.sql.Statement");
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of("java.sql.Statement");
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface());
  }

  @Override
  public String slotInterfaceName() {
    return StatementSlot.class.getName();
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(
        namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(takesArgument(0, String.class)),
        ADVICE + "$ExecuteSqlAdvice");
    sink.apply(
        namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(takesArguments(0)),
        ADVICE + "$ExecutePreparedAdvice");
    sink.apply(
        namedOneOf("executeBatch", "executeLargeBatch")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(takesArguments(0)),
        ADVICE + "$ExecuteBatchAdvice");
    sink.apply(
        named("addBatch")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(takesArguments(1))
            .and(takesArgument(0, String.class)),
        ADVICE + "$AddBatchSqlAdvice");
    sink.apply(
        named("addBatch").and(isPublic()).and(not(isAbstract())).and(takesArguments(0)),
        ADVICE + "$AddBatchAdvice");
  }
}
