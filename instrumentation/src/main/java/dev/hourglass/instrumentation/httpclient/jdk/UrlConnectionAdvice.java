package dev.hourglass.instrumentation.httpclient.jdk;

import dev.hourglass.bootstrap.CallDepth;
import dev.hourglass.bootstrap.HttpClientCalls;
import dev.hourglass.bootstrap.UrlConnectionCalls;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's {@code HttpURLConnection}: it may call only bootstrap classes, so
 * the logic lives in {@link UrlConnectionCalls}. Every entry point is guarded by the HTTP-client
 * call depth: the class calls itself ({@code getResponseCode} and the header getters go through
 * {@code getInputStream}, which calls {@code connect}), and other clients may sit on top of it.
 */
public final class UrlConnectionAdvice {
  private UrlConnectionAdvice() {}

  /** Around {@code getInputStream}: the first one on a connection ends its call. */
  public static class GetInputStreamAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long onEnter(
        @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("url") URL url,
        @Advice.FieldValue("inputStream") InputStream inputStream,
        @Advice.FieldValue("rememberedException") Exception remembered,
        @Advice.Local("url") URL requestUrl) {
      requestUrl = url; // before redirects move the connection to another URL
      if (!CallDepth.enter(CallDepth.HTTP_CLIENT)) {
        return HttpClientCalls.NOT_TIMED;
      }
      if (inputStream != null || remembered != null) {
        return HttpClientCalls.NOT_TIMED; // the response is known: this call was measured already
      }
      return UrlConnectionCalls.beginResponse(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter long start,
        @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("method") String method,
        @Advice.FieldValue("responseCode") int responseCode,
        @Advice.Local("url") URL requestUrl,
        @Advice.Thrown Throwable thrown) {
      try {
        // Still inside the call depth: reading headers re-enters getInputStream untimed.
        UrlConnectionCalls.endResponse(
            start, connection, requestUrl, method, responseCode, thrown);
      } finally {
        CallDepth.exit(CallDepth.HTTP_CLIENT);
      }
    }
  }

  /** Around {@code connect} and {@code getOutputStream}: a call that starts before its response. */
  public static class ConnectAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean onEnter(
        @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("connected") boolean connected) {
      if (!CallDepth.enter(CallDepth.HTTP_CLIENT)) {
        return false;
      }
      if (!connected) {
        UrlConnectionCalls.beginEarly(connection);
      }
      return true;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter boolean outermost,
        @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("url") URL url,
        @Advice.FieldValue("method") String method,
        @Advice.Thrown Throwable thrown) {
      try {
        if (outermost && thrown != null) {
          UrlConnectionCalls.failEarly(connection, url, method, thrown);
        }
      } finally {
        CallDepth.exit(CallDepth.HTTP_CLIENT);
      }
    }
  }
}
