package dev.hourglass.agent.util;

import com.fasterxml.jackson.core.JsonFactory;

/**
 * The agent's one Jackson {@link JsonFactory}, made when JSON is first read or written: a class that
 * may write JSON (a file that is not configured, a page nobody asks for) loads no Jackson until it
 * does. Thread-safe, as a factory that is no longer configured is.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  public static JsonFactory factory() {
    return FACTORY;
  }
}
