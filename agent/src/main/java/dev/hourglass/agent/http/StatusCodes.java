package dev.hourglass.agent.http;

/** Status codes as attribute text, without allocating a String per request. */
public final class StatusCodes {
  private static final String[] TEXT = new String[600];

  static {
    for (int code = 100; code < TEXT.length; code++) {
      TEXT[code] = Integer.toString(code).intern();
    }
  }

  private StatusCodes() {}

  /** "200", "404"...; codes outside 100–599 (a broken response) become "_OTHER". */
  public static String text(int status) {
    return status >= 100 && status < TEXT.length ? TEXT[status] : "_OTHER";
  }
}
