package dev.hourglass.instrumentation.httpclient.jdk;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times {@code java.net.http.HttpClient} calls in its one implementation, {@code
 * jdk.internal.net.http.HttpClientImpl} (JDK 11 to 25): {@code send}, and the private four-argument
 * {@code sendAsync} that both public {@code sendAsync} overloads (and {@code send}) go through.
 */
public final class JdkHttpClientInstrumentation implements TypeInstrumentation {
  @Override
  public Family family() {
    return Family.HTTP_CLIENT;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    // java.net.http is defined to the platform class loader.
    return loader -> loader == null || loader == ClassLoader.getPlatformClassLoader();
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of("jdk.internal.net.http.HttpClientImpl");
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return named("jdk.internal.net.http.HttpClientImpl");
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    String advice = "dev.hourglass.instrumentation.httpclient.jdk.JdkHttpClientAdvice";
    sink.apply(
        named("send")
            .and(isPublic())
            .and(takesArguments(2))
            .and(takesArgument(0, named("java.net.http.HttpRequest"))),
        advice + "$SendAdvice");
    sink.apply(
        named("sendAsync")
            .and(isPrivate())
            .and(takesArguments(4))
            .and(takesArgument(0, named("java.net.http.HttpRequest")))
            .and(returns(named("java.util.concurrent.CompletableFuture"))),
        advice + "$SendAsyncAdvice");
  }
}
