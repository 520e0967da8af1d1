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
 * Times Apache HttpClient calls at {@code CloseableHttpClient.doExecute(target, request, context)},
 * which every {@code execute} overload (response-handler variants included) goes through once per
 * logical call; the client's redirects and retries happen inside it. Versions 4.x and 5.x classic
 * have the same shape under other package names, so one body serves both; each has its own advice
 * and reader, which name the version's types.
 */
public final class ApacheHttpClientInstrumentation implements TypeInstrumentation {
  private static final String PACKAGE = "dev.hourglass.instrumentation.httpclient.apache.";

  private final String client;
  private final String hostType;
  private final String requestType;
  private final String contextType;
  private final String version;

  private ApacheHttpClientInstrumentation(
      String client, String hostType, String requestType, String contextType, String version) {
    this.client = client;
    this.hostType = hostType;
    this.requestType = requestType;
    this.contextType = contextType;
    this.version = version;
  }

  /** Apache HttpClient 4.x ({@code org.apache.http}). */
  public static ApacheHttpClientInstrumentation version4() {
    return new ApacheHttpClientInstrumentation(
        "org.apache.http.impl.client.CloseableHttpClient",
        "org.apache.http.HttpHost",
        "org.apache.http.HttpRequest",
        "org.apache.http.protocol.HttpContext",
        "4");
  }

  /** Apache HttpClient 5.x classic ({@code org.apache.hc.client5}). */
  public static ApacheHttpClientInstrumentation version5() {
    return new ApacheHttpClientInstrumentation(
        "org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
        "org.apache.hc.core5.http.HttpHost",
        "org.apache.hc.core5.http.ClassicHttpRequest",
        "org.apache.hc.core5.http.protocol.HttpContext",
        "5");
  }

  @Override
  public Family family() {
    return Family.HTTP_CLIENT;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee(client);
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of(client);
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
            .and(takesArgument(0, named(hostType)))
            .and(takesArgument(1, named(requestType)))
            .and(takesArgument(2, named(contextType))),
        PACKAGE + "ApacheHttpClient" + version + "Advice$ExecuteAdvice");
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(PACKAGE + "ApacheHttpClient" + version + "Reader");
  }
}
