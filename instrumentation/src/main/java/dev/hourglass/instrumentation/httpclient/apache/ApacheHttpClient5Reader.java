package dev.hourglass.instrumentation.httpclient.apache;

import dev.hourglass.bootstrap.HttpCallReader;
import dev.hourglass.bootstrap.HttpClientCalls;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Reads Apache HttpClient 5.x classic calls, injected beside the library so it can use its types.
 * Newer 5.x versions let the client resolve the target from the request itself, so without a
 * target the request's authority names the server. Stateless and thread-safe.
 */
public final class ApacheHttpClient5Reader
    implements HttpCallReader<HttpHost, ClassicHttpRequest, HttpResponse> {
  public static final ApacheHttpClient5Reader CALLS = new ApacheHttpClient5Reader();

  private ApacheHttpClient5Reader() {}

  @Override
  public String method(HttpHost target, ClassicHttpRequest request) {
    return request.getMethod();
  }

  @Override
  public String host(HttpHost target, ClassicHttpRequest request) {
    if (target != null) {
      return target.getHostName();
    }
    URIAuthority authority = request.getAuthority();
    return authority == null ? null : authority.getHostName();
  }

  @Override
  public int port(HttpHost target, ClassicHttpRequest request) {
    if (target != null) {
      return HttpClientCalls.port(target.getPort(), target.getSchemeName());
    }
    URIAuthority authority = request.getAuthority();
    return HttpClientCalls.port(authority == null ? -1 : authority.getPort(), request.getScheme());
  }

  @Override
  public int status(HttpResponse response) {
    return response.getCode();
  }

  @Override
  public String get(HttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }
}
