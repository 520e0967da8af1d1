package dev.hourglass.agent.jdbc.findings;

/** Builds one JSON object on one line, for the agent's structured log lines. Not thread-safe. */
public final class JsonLine {
  private final StringBuilder out = new StringBuilder(256).append('{');

  public JsonLine field(String name, String value) {
    key(name);
    quote(value == null ? "" : value);
    return this;
  }

  public JsonLine field(String name, long value) {
    key(name);
    out.append(value);
    return this;
  }

  public JsonLine field(String name, double value) {
    key(name);
    out.append(value);
    return this;
  }

  public JsonLine field(String name, Iterable<String> values) {
    key(name);
    out.append('[');
    boolean first = true;
    for (String value : values) {
      if (!first) {
        out.append(',');
      }
      quote(value);
      first = false;
    }
    out.append(']');
    return this;
  }

  private void key(String name) {
    if (out.length() > 1) {
      out.append(',');
    }
    quote(name);
    out.append(':');
  }

  private void quote(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out + "}";
  }
}
