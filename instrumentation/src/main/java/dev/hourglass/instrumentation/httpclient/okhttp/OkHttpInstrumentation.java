package dev.hourglass.instrumentation.httpclient.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times OkHttp 4 calls at {@code RealCall.execute} and {@code RealCall.enqueue}: interceptors,
 * retries and redirects run inside one call. The agent's own, relocated OkHttp has other class
 * names and lives in the agent's class loader, so it is never matched.
 */
public final class OkHttpInstrumentation implements TypeInstrumentation {
  static final String REAL_CALL = "okhttp3.internal.connection.RealCall";

  @Override
  public String family() {
    return "httpclient";
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee(REAL_CALL);
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return named(REAL_CALL);
  }

  @Override
  public void adviceTo(AdviceSink sink) {
    String advice = "dev.hourglass.instrumentation.httpclient.okhttp.OkHttpAdvice";
    sink.apply(
        named("execute").and(isPublic()).and(takesArguments(0)), advice + "$ExecuteAdvice");
    sink.apply(
        named("enqueue")
            .and(isPublic())
            .and(takesArguments(1))
            .and(takesArgument(0, named("okhttp3.Callback"))),
        advice + "$EnqueueAdvice");
  }

  @Override
  public List<String> helperClassNames() {
    String pkg = "dev.hourglass.instrumentation.httpclient.okhttp.";
    return List.of(pkg + "OkHttpHelper", pkg + "TimedCallback");
  }
}
