package dev.hourglass.instrumentation.httpclient.apache;

import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.HttpClientCalls;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;

/** Advice inlined into Apache HttpClient 5.x classic clients; the logic lives in the helper. */
public final class ApacheHttpClient5Advice {
  private ApacheHttpClient5Advice() {}

  /**
   * Around {@code doExecute}. The call depth makes a client that delegates to another client (or
   * a wrapper such as Spring's {@code RestTemplate} on top) one measurement, at the outermost.
   */
  public static class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      if (!CallDepth.enter(CallDepth.HTTP_CLIENT)) {
        return HttpClientCalls.NOT_TIMED;
      }
      return HttpClientCalls.start();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter long start,
        @Advice.Argument(0) HttpHost target,
        @Advice.Argument(1) ClassicHttpRequest request,
        @Advice.Return ClassicHttpResponse response,
        @Advice.Thrown Throwable thrown) {
      try {
        ApacheHttpClient5Helper.end(start, target, request, response, thrown);
      } finally {
        CallDepth.exit(CallDepth.HTTP_CLIENT);
      }
    }
  }
}
