package dev.hourglass.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.hourglass.bootstrap.DataSourceSlot;
import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times {@code javax.sql.DataSource.getConnection} (how long a thread waits for a connection) and
 * hands each obtained connection to the leak detector.
 */
public final class DataSourceInstrumentation implements TypeInstrumentation {
  @Override
  public Family family() {
    return Family.JDBC;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee("javax.sql.DataSource");
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of("javax.sql.DataSource");
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface());
  }

  @Override
  public String slotInterfaceName() {
    return DataSourceSlot.class.getName();
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(
        named("getConnection")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(returns(named("java.sql.Connection"))),
        "dev.hourglass.instrumentation.jdbc.DataSourceAdvice$GetConnectionAdvice");
  }
}
