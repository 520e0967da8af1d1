package dev.hourglass.instrumentation.httpclient.apache;

import dev.hourglass.bootstrap.HttpClientCalls;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;

/**
 * Advice inlined into Apache HttpClient 4.x clients; {@link ApacheHttpClient4Reader} reads the call.
 * The build generates Apache HttpClient 5's advice from this file (see instrumentation/pom.xml).
 */
public final class ApacheHttpClient4Advice {
  private ApacheHttpClient4Advice() {}

  /** Around {@code doExecute}; {@link HttpClientCalls} times only the outermost client. */
  public static class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      return HttpClientCalls.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter long start,
        @Advice.Argument(0) HttpHost target,
        @Advice.Argument(1) HttpRequest request,
        @Advice.Return HttpResponse response,
        @Advice.Thrown Throwable thrown) {
      HttpClientCalls.exit(
          start, target, request, response, thrown, ApacheHttpClient4Reader.CALLS);
    }
  }
}
