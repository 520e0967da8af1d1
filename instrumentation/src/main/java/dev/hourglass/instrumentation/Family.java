package dev.hourglass.instrumentation;

/**
 * The instrumented library families. Each is switched on and off as a whole by {@code
 * hourglass.instrumentation.<key>.enabled}, and its key names it in the start-up line and in
 * {@code /api/health}.
 */
public enum Family {
  SERVLET("servlet"),
  JDBC("jdbc"),
  HTTP_CLIENT("httpclient"),
  CACHE("cache");

  private final String key;

  Family(String key) {
    this.key = key;
  }

  /** The family's name in configuration keys and reports. */
  public String key() {
    return key;
  }
}
