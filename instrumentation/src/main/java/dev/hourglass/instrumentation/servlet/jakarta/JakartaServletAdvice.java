package dev.hourglass.instrumentation.servlet.jakarta;

import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.RequestContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import net.bytebuddy.asm.Advice;

/** Advice inlined into servlet containers and applications; the logic lives in the helper. */
public final class JakartaServletAdvice {
  private JakartaServletAdvice() {}

  /**
   * Around {@code Servlet.service} and {@code Filter.doFilter}. Only the outermost call on a thread
   * is timed, so filters and forwards inside one request count once. Dispatches that continue an
   * already-timed request (async, error) are not timed again.
   */
  public static class ServiceAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RequestContext onEnter(@Advice.Argument(0) ServletRequest request) {
      if (!CallDepth.enter(CallDepth.SERVLET)) {
        return null;
      }
      return JakartaServletHelper.start(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Argument(0) ServletRequest request,
        @Advice.Argument(1) ServletResponse response,
        @Advice.Enter RequestContext context,
        @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(CallDepth.SERVLET) && context != null) {
        JakartaServletHelper.end(context, request, response, thrown);
      }
    }
  }

  /** After {@code ServletRequest.startAsync}: the request will be recorded when it completes. */
  public static class StartAsyncAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return AsyncContext asyncContext) {
      JakartaServletHelper.startedAsync(asyncContext);
    }
  }
}
