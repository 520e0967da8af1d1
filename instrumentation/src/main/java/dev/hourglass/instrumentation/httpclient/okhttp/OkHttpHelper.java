package dev.hourglass.instrumentation.httpclient.okhttp;

import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.HeaderLookup;
import dev.hourglass.bootstrap.HttpClientCalls;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What OkHttp advice does, injected beside the library so it can use its types. Stateless and
 * thread-safe.
 */
public final class OkHttpHelper {
  static final HeaderLookup<Response> HEADERS = (response, name) -> response.header(name);

  private OkHttpHelper() {}

  /** {@code execute} returned {@code response} or threw; both are OkHttp types. */
  public static void endExecute(long start, Object call, Object response, Throwable thrown) {
    if (start == HttpClientCalls.NOT_TIMED) {
      return;
    }
    endExecute(start, (Call) call, (Response) response, thrown);
  }

  private static void endExecute(long start, Call call, Response response, Throwable thrown) {
    Request request = call.request();
    HttpUrl url = request.url();
    int status = response == null ? 0 : response.code();
    HttpClientCalls.end(
        start, request.method(), url.host(), url.port(), status, thrown, response, HEADERS);
  }

  /**
   * Returns the callback to hand to OkHttp: the application's own when the call is not timed (the
   * agent's threads, no listener, an enqueue inside another measured call), else a timing wrapper.
   */
  public static Object wrap(Object call, Object callback) {
    if (!(callback instanceof Callback)
        || callback instanceof TimedCallback
        || CallDepth.inside(CallDepth.HTTP_CLIENT)) {
      return callback;
    }
    long start = HttpClientCalls.startAsync();
    if (start == HttpClientCalls.NOT_TIMED) {
      return callback;
    }
    return new TimedCallback((Callback) callback, start);
  }

  static void endAsync(long start, Call call, Response response, Throwable failure) {
    Request request = call.request();
    HttpUrl url = request.url();
    int status = response == null ? 0 : response.code();
    HttpClientCalls.endAsync(
        start, request.method(), url.host(), url.port(), status, failure, response, HEADERS);
  }
}
