package dev.hourglass.instrumentation.httpclient.jdk;

import dev.hourglass.bootstrap.HttpClientCalls;
import dev.hourglass.bootstrap.JdkHttpClientCalls;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's {@code HttpClientImpl} (platform class loader: it may call only
 * bootstrap classes, which cannot see {@code java.net.http} types, so {@link JdkHttpClientCalls}
 * reads them through method handles). {@code send} calls {@code sendAsync} internally; the call
 * depth makes that one measurement, taken by {@code send} on the caller's thread.
 */
public final class JdkHttpClientAdvice {
  private JdkHttpClientAdvice() {}

  /** Around {@code send}: synchronous, timed until the response (or exception) is returned. */
  public static class SendAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      return HttpClientCalls.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter long start,
        @Advice.Argument(0) HttpRequest request,
        @Advice.Return HttpResponse<?> response,
        @Advice.Thrown Throwable thrown) {
      JdkHttpClientCalls.exitSend(start, request, response, thrown);
    }
  }

  /** Around the private {@code sendAsync}: timed until the returned future completes. */
  public static class SendAsyncAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      return HttpClientCalls.enterAsync();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter long start,
        @Advice.Argument(0) HttpRequest request,
        @Advice.Return CompletableFuture<?> future,
        @Advice.Thrown Throwable thrown) {
      JdkHttpClientCalls.exitSendAsync(start, request, future, thrown);
    }
  }
}
