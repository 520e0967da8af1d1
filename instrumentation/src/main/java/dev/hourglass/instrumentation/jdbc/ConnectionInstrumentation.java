package dev.hourglass.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.bootstrap.ConnectionSlot;
import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Follows {@code java.sql.Connection} implementations: the SQL of statements at {@code
 * prepareStatement}/{@code prepareCall}, plain statements at {@code createStatement}, and {@code
 * close} for the leak detector.
 */
public final class ConnectionInstrumentation implements TypeInstrumentation {
  private static final String ADVICE = "dev.hourglass.instrumentation.jdbc.ConnectionAdvice";

  @Override
  public Family family() {
    return Family.JDBC;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee("java.sql.Connection");
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of("java.sql.Connection");
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface());
  }

  @Override
  public String slotInterfaceName() {
    return ConnectionSlot.class.getName();
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(
        namedOneOf("prepareStatement", "prepareCall")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(takesArgument(0, String.class)),
        ADVICE + "$PrepareAdvice");
    sink.apply(
        named("createStatement").and(isPublic()).and(not(isAbstract())),
        ADVICE + "$CreateStatementAdvice");
    sink.apply(
        named("close").and(isPublic()).and(not(isAbstract())).and(takesArguments(0)),
        ADVICE + "$CloseAdvice");
  }
}
