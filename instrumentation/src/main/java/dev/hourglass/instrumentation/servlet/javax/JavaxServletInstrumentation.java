package dev.hourglass.instrumentation.servlet.javax;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times javax.servlet (5/6) requests at the outermost {@code Servlet.service} or {@code
 * Filter.doFilter}, and follows requests that go async through {@code ServletRequest.startAsync}.
 */
public final class JavaxServletInstrumentation implements TypeInstrumentation {
  @Override
  public String family() {
    return "servlet";
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee("javax.servlet.Servlet");
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface())
        .and(
            hasSuperType(
                namedOneOf(
                    "javax.servlet.Servlet",
                    "javax.servlet.Filter",
                    "javax.servlet.ServletRequest")));
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    String advice = "dev.hourglass.instrumentation.servlet.javax.JavaxServletAdvice";
    sink.apply(
        named("service")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(takesArguments(2))
            .and(takesArgument(0, named("javax.servlet.ServletRequest")))
            .and(takesArgument(1, named("javax.servlet.ServletResponse"))),
        advice + "$ServiceAdvice");
    sink.apply(
        named("doFilter")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(takesArguments(3))
            .and(takesArgument(0, named("javax.servlet.ServletRequest")))
            .and(takesArgument(1, named("javax.servlet.ServletResponse")))
            .and(takesArgument(2, named("javax.servlet.FilterChain"))),
        advice + "$ServiceAdvice");
    sink.apply(
        named("startAsync")
            .and(isPublic())
            .and(not(isAbstract()))
            .and(returns(named("javax.servlet.AsyncContext"))),
        advice + "$StartAsyncAdvice");
  }

  @Override
  public List<String> helperClassNames() {
    // Names, not class literals: loading these here would need the servlet API in the agent.
    String pkg = "dev.hourglass.instrumentation.servlet.javax.";
    return Arrays.asList(pkg + "JavaxServletHelper", pkg + "JavaxAsyncListener");
  }
}
