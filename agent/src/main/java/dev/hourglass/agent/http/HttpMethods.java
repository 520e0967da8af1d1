package dev.hourglass.agent.http;

/**
 * The semantic-convention method attribute: the nine standard methods as they are, anything else as
 * {@code _OTHER}, so a client sending made-up methods cannot create series.
 */
public final class HttpMethods {
  private static final String[] KNOWN = {
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE"
  };

  private HttpMethods() {}

  public static String canonical(String method) {
    if (method != null) {
      for (String known : KNOWN) {
        if (known.equals(method)) {
          return known;
        }
      }
    }
    return "_OTHER";
  }
}
