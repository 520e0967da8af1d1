package dev.hourglass.agent.alerts.notify;

import dev.hourglass.agent.alerts.AlertEvent;
import dev.hourglass.bootstrap.CallDepth;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs each event as JSON to a webhook URL (generic, Slack or Discord, by {@link PayloadFormat}).
 * Any 2xx answer is success; anything else, or no answer within the timeout (applied to connecting
 * and to each read), is a failure for the dispatcher to retry. Not thread-safe: dispatcher only.
 */
public final class HttpNotifier implements Notifier {
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final String name;
  private final URI url;
  private final PayloadFormat format;
  private final int timeoutMillis;

  public HttpNotifier(String name, URI url, PayloadFormat format, Duration timeout) {
    this.name = name;
    this.url = url;
    this.format = format;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(AlertEvent event) throws IOException {
    byte[] body = format.render(event).getBytes(StandardCharsets.UTF_8);
    // Entering the HTTP-client call depth makes the agent's own client instrumentation treat this
    // request as nested, so alert deliveries are not measured as the application's outgoing calls.
    CallDepth.enter(CallDepth.HTTP_CLIENT);
    try {
      post(body);
    } finally {
      CallDepth.exit(CallDepth.HTTP_CLIENT);
    }
  }

  private void post(byte[] body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    try {
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setUseCaches(false);
      connection.setFixedLengthStreamingMode(body.length);
      connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
      connection.setRequestProperty("User-Agent", "hourglass-alerts");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      drain(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
      if (status < 200 || status > 299) {
        throw new IOException(name + " answered HTTP " + status);
      }
    } finally {
      connection.disconnect();
    }
  }

  /** Reads (a bounded part of) the answer so the connection can be reused. */
  private static void drain(InputStream in) throws IOException {
    if (in == null) {
      return;
    }
    try (in) {
      byte[] buffer = new byte[4096];
      int total = 0;
      int read;
      while (total < MAX_RESPONSE_BYTES && (read = in.read(buffer)) >= 0) {
        total += read;
      }
    }
  }
}
