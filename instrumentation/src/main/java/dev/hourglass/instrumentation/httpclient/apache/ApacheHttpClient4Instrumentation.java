package dev.hourglass.instrumentation.httpclient.apache;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times Apache HttpClient 4.x calls at {@code CloseableHttpClient.doExecute}, which every {@code
 * execute} overload (response-handler variants included) goes through once per logical call; the
 * client's redirects and retries happen inside it.
 */
public final class ApacheHttpClient4Instrumentation implements TypeInstrumentation {
  static final String CLIENT = "org.apache.http.impl.client.CloseableHttpClient";

  @Override
  public Family family() {
    return Family.HTTP_CLIENT;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee(CLIENT);
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of(CLIENT);
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isAbstract());
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    sink.apply(
        named("doExecute")
            .and(not(isAbstract()))
            .and(takesArguments(3))
            .and(takesArgument(0, named("org.apache.http.HttpHost")))
            .and(takesArgument(1, named("org.apache.http.HttpRequest")))
            .and(takesArgument(2, named("org.apache.http.protocol.HttpContext"))),
        "dev.hourglass.instrumentation.httpclient.apache.ApacheHttpClient4Advice$ExecuteAdvice");
  }

  @Override
  public List<String> helperClassNames() {
    return List.of("dev.hourglass.instrumentation.httpclient.apache.ApacheHttpClient4Helper");
  }
}
