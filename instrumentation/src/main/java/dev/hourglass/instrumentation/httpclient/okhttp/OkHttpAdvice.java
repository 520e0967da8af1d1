package dev.hourglass.instrumentation.httpclient.okhttp;

import dev.hourglass.bootstrap.HttpClientCalls;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into OkHttp's {@code RealCall}; {@link OkHttpHelper} reads the call. OkHttp's
 * types appear as {@code Object} here (see {@link OkHttpInstrumentation} for why).
 */
public final class OkHttpAdvice {
  private OkHttpAdvice() {}

  /** Around {@code execute}: synchronous, timed until the response headers are in. */
  public static class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter() {
      return HttpClientCalls.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter long start,
        @Advice.This Object call,
        @Advice.Return Object response,
        @Advice.Thrown Throwable thrown) {
      HttpClientCalls.exit(start, null, call, response, thrown, OkHttpHelper.CALLS);
    }
  }

  /**
   * On {@code enqueue}: the application's callback is wrapped so the call is recorded when OkHttp
   * answers it. The dispatcher runs queued calls without going through {@code execute}, so they
   * are not measured twice.
   */
  public static class EnqueueAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.This Object call,
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object callback) {
      callback = OkHttpHelper.wrap(call, callback);
    }
  }
}
