package dev.hourglass.instrumentation.httpclient.apache;

import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.HttpClientCalls;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;

/** Advice inlined into Apache HttpClient 4.x clients; the logic lives in the helper. */
public final class ApacheHttpClient4Advice {
  private ApacheHttpClient4Advice() {}

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
        @Advice.Argument(1) HttpRequest request,
        @Advice.Return HttpResponse response,
        @Advice.Thrown Throwable thrown) {
      try {
        ApacheHttpClient4Helper.end(start, target, request, response, thrown);
      } finally {
        CallDepth.exit(CallDepth.HTTP_CLIENT);
      }
    }
  }
}
