package dev.hourglass.agent.errors;

import dev.hourglass.agent.servlet.ServerRequestRecorder.RequestOutcomeListener;
import dev.hourglass.bootstrap.RequestContext;

/**
 * Reports the requests that failed to the error inbox (an exception that escaped the handler, or
 * else a 5xx answer) and names the groups of the request's failed executions and calls with its
 * route. Costs three field reads and a comparison for a request without failures.
 */
final class RequestErrors implements RequestOutcomeListener {
  private final ErrorInbox errors;

  RequestErrors(ErrorInbox errors) {
    this.errors = errors;
  }

  @Override
  public void onRequestEnd(
      RequestContext context,
      String method,
      String route,
      int status,
      String errorType,
      long durationNanos) {
    if (context.failedCalls != null) {
      errors.requestEnded(context, route);
    }
    Throwable thrown = context.thrown;
    if (thrown != null) {
      errors.thrown(ErrorReporter.REQUEST, thrown, route);
    } else if (status >= 500) {
      errors.status(ErrorReporter.REQUEST, status, null, route);
    }
  }
}
