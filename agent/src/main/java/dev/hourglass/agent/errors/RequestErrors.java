package dev.hourglass.agent.errors;

import dev.hourglass.agent.servlet.ServerRequestRecorder.RequestOutcomeListener;
import dev.hourglass.bootstrap.RequestContext;

/**
 * Reports the requests that failed to the error inbox: an exception that escaped the handler, or
 * else a 5xx answer. Costs one field read and one comparison for a request that did not fail.
 */
final class RequestErrors implements RequestOutcomeListener {
  private final ErrorReporter errors;

  RequestErrors(ErrorReporter errors) {
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
    Throwable thrown = context.thrown;
    if (thrown != null) {
      errors.thrown(ErrorReporter.REQUEST, thrown, route);
    } else if (status >= 500) {
      errors.status(ErrorReporter.REQUEST, status, null, route);
    }
  }
}
