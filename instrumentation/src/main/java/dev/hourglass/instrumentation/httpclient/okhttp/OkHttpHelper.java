package dev.hourglass.instrumentation.httpclient.okhttp;

import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.HttpCallReader;
import dev.hourglass.bootstrap.HttpClientCalls;
import dev.hourglass.bootstrap.Timing;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * What OkHttp advice needs, injected beside the library so it can use its types: the reader of a
 * call (given as the request, OkHttp has no separate target) and the wrapping of enqueued calls'
 * callbacks. The advice hands OkHttp's objects over as {@code Object}s (see {@link
 * OkHttpInstrumentation}), so the reader takes them so. Stateless and thread-safe.
 */
public final class OkHttpHelper implements HttpCallReader<Object, Object, Object> {
  public static final OkHttpHelper CALLS = new OkHttpHelper();

  private OkHttpHelper() {}

  @Override
  public String method(Object target, Object call) {
    return ((Call) call).request().method();
  }

  @Override
  public String host(Object target, Object call) {
    return ((Call) call).request().url().host();
  }

  @Override
  public int port(Object target, Object call) {
    return ((Call) call).request().url().port();
  }

  @Override
  public int status(Object response) {
    return ((Response) response).code();
  }

  @Override
  public String get(Object response, String name) {
    return ((Response) response).header(name);
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
    if (start == Timing.NOT_TIMED) {
      return callback;
    }
    return new TimedCallback((Callback) callback, start);
  }
}
