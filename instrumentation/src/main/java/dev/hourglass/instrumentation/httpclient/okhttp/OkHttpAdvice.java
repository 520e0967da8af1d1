package dev.hourglass.instrumentation.httpclient.okhttp;

import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.HttpClientCalls;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into OkHttp's {@code RealCall}; the logic lives in the helper classes. OkHttp's
 * types appear as {@code Object} here (see {@link OkHttpInstrumentation} for why).
 */
public final class OkHttpAdvice {
  private OkHttpAdvice() {}

  /** Around {@code execute}: synchronous, timed until the response headers are in. */
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
        @Advice.This Object call,
        @Advice.Return Object response,
        @Advice.Thrown Throwable thrown) {
      try {
        OkHttpHelper.endExecute(start, call, response, thrown);
      } finally {
        CallDepth.exit(CallDepth.HTTP_CLIENT);
      }
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
