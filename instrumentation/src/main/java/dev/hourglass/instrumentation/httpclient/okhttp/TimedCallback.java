package dev.hourglass.instrumentation.httpclient.okhttp;

import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.HttpClientCalls;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * Wraps the application's {@link Callback} of an enqueued call: records the call, then hands the
 * result on unchanged. Recording comes first so the application's callback time is not counted,
 * and it cannot fail the application: its faults are counted, never thrown. Whatever the
 * application's callback throws propagates as it would without the agent.
 *
 * <p>OkHttp calls exactly one of the two methods, once, on a dispatcher thread.
 */
public final class TimedCallback implements Callback {
  private final Callback delegate;
  private final long start;

  TimedCallback(Callback delegate, long start) {
    this.delegate = delegate;
    this.start = start;
  }

  @Override
  public void onResponse(Call call, Response response) throws IOException {
    record(call, response, null);
    delegate.onResponse(call, response);
  }

  @Override
  public void onFailure(Call call, IOException failure) {
    record(call, null, failure);
    delegate.onFailure(call, failure);
  }

  private void record(Call call, Response response, IOException failure) {
    try {
      HttpClientCalls.endAsync(start, null, call, response, failure, OkHttpHelper.CALLS);
    } catch (Throwable fault) {
      AdviceErrors.record(fault);
    }
  }
}
