package dev.hourglass.agent.errors;

/**
 * Where the families report errors for the error inbox: an exception the application saw, or a
 * 5xx answer without one. Called on application threads, only when an error occurs; never throws.
 *
 * @see ErrorInbox
 */
public interface ErrorReporter {
  /** Source of an exception escaping a server request, or of its 5xx answer. */
  String REQUEST = "request";
  /** Source of a failed JDBC execution. */
  String JDBC = "jdbc";
  /** Source of a failed outgoing HTTP call or its 5xx answer. */
  String HTTP_CLIENT = "http.client";

  ErrorReporter NONE =
      new ErrorReporter() {
        @Override
        public void thrown(String source, Throwable error, String route) {}

        @Override
        public void status(String source, int status, String where, String route) {}
      };

  /** {@code route}: the server route it happened in, or null when unknown. */
  void thrown(String source, Throwable error, String route);

  /**
   * A 5xx answer without an exception; {@code where} names its origin within the source (a
   * downstream {@code host:port}), or null.
   */
  void status(String source, int status, String where, String route);
}
