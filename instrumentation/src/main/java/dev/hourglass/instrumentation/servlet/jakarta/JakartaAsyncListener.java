package dev.hourglass.instrumentation.servlet.jakarta;

import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.RequestContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Ends the timing of an async request when it completes. Injected beside the servlet API.
 * Containers call {@code onComplete} once, after any {@code onError}/{@code onTimeout}.
 *
 * <p>Unlike advice, these methods run outside ByteBuddy's suppression, called by the container
 * with objects the application may have wrapped: each catches everything and counts it as an
 * advice error, so an agent fault never reaches the container or the application.
 */
public final class JakartaAsyncListener implements AsyncListener {
  private final RequestContext context;
  private final ServletRequest request;
  private final ServletResponse response;
  private volatile String errorType;

  public JakartaAsyncListener(RequestContext context, ServletRequest request, ServletResponse response) {
    this.context = context;
    this.request = request;
    this.response = response;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    try {
      JakartaServletHelper.endAsync(context, request, response, errorType);
    } catch (Throwable agentFault) {
      AdviceErrors.record(agentFault);
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    if (errorType == null) {
      errorType = "java.util.concurrent.TimeoutException";
    }
  }

  @Override
  public void onError(AsyncEvent event) {
    try {
      Throwable error = event.getThrowable();
      errorType = error != null ? error.getClass().getName() : "_OTHER";
      context.thrown = error; // read by the thread that completes the request, after this
    } catch (Throwable agentFault) {
      AdviceErrors.record(agentFault);
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // startAsync again (after an async dispatch) drops listeners unless they re-register here.
    try {
      event.getAsyncContext().addListener(this);
    } catch (Throwable agentFault) {
      AdviceErrors.record(agentFault);
    }
  }
}
