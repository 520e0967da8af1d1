package dev.hourglass.bootstrap;

/**
 * Reads one response header by name from a library's response object. Each instrumented library
 * supplies one stateless instance, so handing a response to the agent allocates no adapter.
 *
 * <p>Implementations must be thread-safe (they are stateless), match names case-insensitively as
 * HTTP requires, return the first value or null when the header is absent, and never throw.
 *
 * @param <R> the library's response type
 */
public interface HeaderLookup<R> {
  String get(R response, String name);
}
