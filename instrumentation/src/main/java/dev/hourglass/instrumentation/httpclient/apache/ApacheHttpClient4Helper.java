package dev.hourglass.instrumentation.httpclient.apache;

import dev.hourglass.bootstrap.HeaderLookup;
import dev.hourglass.bootstrap.HttpClientCalls;
import java.net.URI;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.StatusLine;
import org.apache.http.client.methods.HttpUriRequest;

/**
 * What Apache HttpClient 4.x advice does, injected beside the library so it can use its types.
 * Stateless and thread-safe.
 */
public final class ApacheHttpClient4Helper {
  private static final HeaderLookup<HttpResponse> HEADERS =
      (response, name) -> {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
      };

  private ApacheHttpClient4Helper() {}

  public static void end(
      long start, HttpHost target, HttpRequest request, HttpResponse response, Throwable thrown) {
    if (start == HttpClientCalls.NOT_TIMED || request == null) {
      return;
    }
    URI uri = null;
    if (target == null && request instanceof HttpUriRequest) {
      uri = ((HttpUriRequest) request).getURI(); // the target is normally resolved by the caller
    }
    String host = target != null ? target.getHostName() : uri != null ? uri.getHost() : null;
    String scheme = target != null ? target.getSchemeName() : uri != null ? uri.getScheme() : null;
    int port = target != null ? target.getPort() : uri != null ? uri.getPort() : -1;
    if (port < 0) {
      port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
    StatusLine statusLine = response == null ? null : response.getStatusLine();
    int status = statusLine == null ? 0 : statusLine.getStatusCode();
    HttpClientCalls.end(
        start, method(request), host, port, status, thrown, status == 0 ? null : response, HEADERS);
  }

  /** {@code getRequestLine()} builds a new object on most requests; {@code getMethod()} does not. */
  private static String method(HttpRequest request) {
    if (request instanceof HttpUriRequest) {
      return ((HttpUriRequest) request).getMethod();
    }
    return request.getRequestLine().getMethod();
  }
}
