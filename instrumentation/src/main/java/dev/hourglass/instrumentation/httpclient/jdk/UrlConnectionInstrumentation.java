package dev.hourglass.instrumentation.httpclient.jdk;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times {@code HttpURLConnection} calls, HTTPS included: the JDK's HTTPS connection delegates to a
 * subclass of the same implementation class, {@code sun.net.www.protocol.http.HttpURLConnection}.
 */
public final class UrlConnectionInstrumentation implements TypeInstrumentation {
  @Override
  public Family family() {
    return Family.HTTP_CLIENT;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return isBootstrapClassLoader();
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of("sun.net.www.protocol.http.HttpURLConnection");
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return named("sun.net.www.protocol.http.HttpURLConnection");
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    String advice = "dev.hourglass.instrumentation.httpclient.jdk.UrlConnectionAdvice";
    sink.apply(
        named("getInputStream").and(isPublic()).and(takesArguments(0)),
        advice + "$GetInputStreamAdvice");
    sink.apply(
        namedOneOf("connect", "getOutputStream").and(isPublic()).and(takesArguments(0)),
        advice + "$ConnectAdvice");
  }
}
