package dev.hourglass.instrumentation.httpclient.apache;

import dev.hourglass.bootstrap.HttpClientCalls;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;

/** Advice inlined into Apache HttpClient 5.x classic clients; {@link ApacheHttpClient5Reader} reads the call. */
public final class ApacheHttpClient5Advice {
  private ApacheHttpClient5Advice() {}

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
        @Advice.Argument(1) ClassicHttpRequest request,
        @Advice.Return ClassicHttpResponse response,
        @Advice.Thrown Throwable thrown) {
      HttpClientCalls.exit(
          start, target, request, response, thrown, ApacheHttpClient5Reader.CALLS);
    }
  }
}
