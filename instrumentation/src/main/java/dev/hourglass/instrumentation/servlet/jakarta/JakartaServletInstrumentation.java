package dev.hourglass.instrumentation.servlet.jakarta;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times servlet requests at the outermost {@code Servlet.service} or {@code Filter.doFilter}, and
 * follows requests that go async through {@code ServletRequest.startAsync}.
 *
 * <p>The classes of this package are written once, against the jakarta API (servlet 5/6); the
 * build generates their javax twins (servlet 3.0/4.0) by renaming the API package, see
 * instrumentation/pom.xml.
 */
public final class JakartaServletInstrumentation implements TypeInstrumentation {
  @Override
  public Family family() {
    return Family.SERVLET;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee("jakarta.servlet.Servlet");
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of(
        "jakarta.servlet.Servlet", "jakarta.servlet.Filter", "jakarta.servlet.ServletRequest");
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface());
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    String advice = "dev.hourglass.instrumentation.servlet.jakarta.JakartaServletAdvice";
    sink.apply(
        named("service")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(takesArguments(2))
            .and(takesArgument(0, named("jakarta.servlet.ServletRequest")))
            .and(takesArgument(1, named("jakarta.servlet.ServletResponse"))),
        advice + "$ServiceAdvice");
    sink.apply(
        named("doFilter")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(takesArguments(3))
            .and(takesArgument(0, named("jakarta.servlet.ServletRequest")))
            .and(takesArgument(1, named("jakarta.servlet.ServletResponse")))
            .and(takesArgument(2, named("jakarta.servlet.FilterChain"))),
        advice + "$ServiceAdvice");
    sink.apply(
        named("startAsync")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(returns(named("jakarta.servlet.AsyncContext"))),
        advice + "$StartAsyncAdvice");
  }

  @Override
  public List<String> helperClassNames() {
    // Names, not class literals: loading these here would need the servlet API in the agent.
    String pkg = "dev.hourglass.instrumentation.servlet.jakarta.";
    return Arrays.asList(pkg + "JakartaServletHelper", pkg + "JakartaAsyncListener");
  }
}
