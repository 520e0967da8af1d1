package dev.hourglass.instrumentation.httpclient.jdk;

import dev.hourglass.bootstrap.UrlConnectionCalls;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's {@code HttpURLConnection}: it may call only bootstrap classes, so
 * the logic, nesting included, lives in {@link UrlConnectionCalls}.
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
      return UrlConnectionCalls.enterResponse(connection, inputStream, remembered);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter long start,
        @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("method") String method,
        @Advice.FieldValue("responseCode") int responseCode,
        @Advice.Local("url") URL requestUrl,
        @Advice.Thrown Throwable thrown) {
      UrlConnectionCalls.exitResponse(start, connection, requestUrl, method, responseCode, thrown);
    }
  }

  /** Around {@code connect} and {@code getOutputStream}: a call that starts before its response. */
  public static class ConnectAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean onEnter(
        @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("connected") boolean connected) {
      return UrlConnectionCalls.enterConnect(connection, connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter boolean outermost,
        @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("url") URL url,
        @Advice.FieldValue("method") String method,
        @Advice.Thrown Throwable thrown) {
      UrlConnectionCalls.exitConnect(outermost, connection, url, method, thrown);
    }
  }
}
