package dev.hourglass.instrumentation.httpclient.apache;

import dev.hourglass.bootstrap.HeaderLookup;
import dev.hourglass.bootstrap.HttpClientCalls;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.net.URIAuthority;

/**
 * What Apache HttpClient 5.x advice does, injected beside the library so it can use its types.
 * Stateless and thread-safe.
 */
public final class ApacheHttpClient5Helper {
  private static final HeaderLookup<HttpResponse> HEADERS =
      (response, name) -> {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
      };

  private ApacheHttpClient5Helper() {}

  public static void end(
      long start,
      HttpHost target,
      ClassicHttpRequest request,
      HttpResponse response,
      Throwable thrown) {
    if (start == HttpClientCalls.NOT_TIMED || request == null) {
      return;
    }
    String host;
    int port;
    String scheme;
    if (target != null) {
      host = target.getHostName();
      port = target.getPort();
      scheme = target.getSchemeName();
    } else {
      // Newer 5.x versions let the client resolve the target from the request itself.
      URIAuthority authority = request.getAuthority();
      host = authority == null ? null : authority.getHostName();
      port = authority == null ? -1 : authority.getPort();
      scheme = request.getScheme();
    }
    if (port < 0) {
      port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
    int status = response == null ? 0 : response.getCode();
    HttpClientCalls.end(
        start,
        request.getMethod(),
        host,
        port,
        status,
        thrown,
        status == 0 ? null : response,
        HEADERS);
  }
}
