package dev.hourglass.bootstrap;

/**
 * Reads one client library's call for {@link HttpClientCalls#exit}: the request's method and
 * server, the response's status and headers. One stateless instance per library, held in a
 * constant of its helper, so handing a call over allocates nothing. Methods may throw: the fault
 * is counted by the advice and the call depth is still left.
 *
 * @param <T> the library's target (for example Apache's {@code HttpHost}; null where it has none)
 * @param <Q> the library's request (or call) object, never null when read
 * @param <R> the library's response type, never null when read
 */
public interface HttpCallReader<T, Q, R> extends HeaderLookup<R> {
  String method(T target, Q request);

  String host(T target, Q request);

  /** The server port, the scheme's default when the request names none. */
  int port(T target, Q request);

  /** The response status, or 0 when the response carries none. */
  int status(R response);
}
