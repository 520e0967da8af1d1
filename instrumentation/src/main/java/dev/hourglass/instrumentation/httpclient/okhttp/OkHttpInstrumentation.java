package dev.hourglass.instrumentation.httpclient.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
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
 * Times OkHttp 4 calls at {@code RealCall.execute} and {@code RealCall.enqueue}: interceptors,
 * retries and redirects run inside one call. The agent's own, relocated OkHttp has other class
 * names and lives in the agent's class loader, so it is never matched.
 *
 * <p>The agent jar relocates its own OkHttp, and the relocation rewrites every {@code okhttp3}
 * name it finds in the agent's classes. So nothing here or in {@link OkHttpAdvice} names an OkHttp
 * type as a literal: names are built at run time, the advice handles {@code Object}s, and only the
 * helpers (restored unrelocated by the agent's build) use OkHttp's types.
 */
public final class OkHttpInstrumentation implements TypeInstrumentation {
  static final String REAL_CALL = okhttp("internal.connection.RealCall");

  /** {@code okhttp3.<name>}, assembled so the relocation does not see it. */
  private static String okhttp(String name) {
    return new StringBuilder("okhttp").append('3').append('.').append(name).toString();
  }

  @Override
  public Family family() {
    return Family.HTTP_CLIENT;
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee(REAL_CALL);
  }

  @Override
  public Set<String> superTypeNames() {
    return Set.of(REAL_CALL);
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
            .and(takesArgument(0, named(okhttp("Callback")))),
        advice + "$EnqueueAdvice");
  }

  @Override
  public List<String> helperClassNames() {
    String pkg = "dev.hourglass.instrumentation.httpclient.okhttp.";
    return List.of(pkg + "OkHttpHelper", pkg + "TimedCallback");
  }
}
