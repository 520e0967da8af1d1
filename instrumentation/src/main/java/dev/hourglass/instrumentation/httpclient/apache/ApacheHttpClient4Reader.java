package dev.hourglass.instrumentation.httpclient.apache;

import dev.hourglass.bootstrap.HttpCallReader;
import dev.hourglass.bootstrap.HttpClientCalls;
import java.net.URI;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.StatusLine;
import org.apache.http.client.methods.HttpUriRequest;

/**
 * Reads Apache HttpClient 4.x calls, injected beside the library so it can use its types. The
 * target is normally resolved by the caller; without one, the request's URI names the server.
 * Stateless and thread-safe.
 */
public final class ApacheHttpClient4Reader
    implements HttpCallReader<HttpHost, HttpRequest, HttpResponse> {
  public static final ApacheHttpClient4Reader CALLS = new ApacheHttpClient4Reader();

  private ApacheHttpClient4Reader() {}

  /** {@code getRequestLine()} builds a new object on most requests; {@code getMethod()} does not. */
  @Override
  public String method(HttpHost target, HttpRequest request) {
    if (request instanceof HttpUriRequest) {
      return ((HttpUriRequest) request).getMethod();
    }
    return request.getRequestLine().getMethod();
  }

  @Override
  public String host(HttpHost target, HttpRequest request) {
    if (target != null) {
      return target.getHostName();
    }
    URI uri = uri(request);
    return uri != null ? uri.getHost() : null;
  }

  @Override
  public int port(HttpHost target, HttpRequest request) {
    if (target != null) {
      return HttpClientCalls.port(target.getPort(), target.getSchemeName());
    }
    URI uri = uri(request);
    return uri != null ? HttpClientCalls.port(uri.getPort(), uri.getScheme()) : 80;
  }

  @Override
  public int status(HttpResponse response) {
    StatusLine statusLine = response.getStatusLine();
    return statusLine == null ? 0 : statusLine.getStatusCode();
  }

  @Override
  public String get(HttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  private static URI uri(HttpRequest request) {
    return request instanceof HttpUriRequest ? ((HttpUriRequest) request).getURI() : null;
  }
}
