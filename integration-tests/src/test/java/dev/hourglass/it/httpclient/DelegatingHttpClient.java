package dev.hourglass.it.httpclient;

import java.io.IOException;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.ClientProtocolException;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;

/**
 * An Apache HttpClient 4 client built on another one, as decorating wrappers are: both are
 * instrumented, and a call through it must still be measured once.
 */
@SuppressWarnings("deprecation")
final class DelegatingHttpClient extends CloseableHttpClient {
  private final CloseableHttpClient delegate;

  DelegatingHttpClient(CloseableHttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context)
      throws IOException, ClientProtocolException {
    return delegate.execute(target, request, context);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @Override
  public HttpParams getParams() {
    return delegate.getParams();
  }

  @Override
  public ClientConnectionManager getConnectionManager() {
    return delegate.getConnectionManager();
  }
}
