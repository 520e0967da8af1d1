package dev.hourglass.agent.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a request may be answered.
 *
 * <ul>
 *   <li>With a token: the request must carry it as {@code Authorization: Bearer <token>} or in the
 *       {@value #COOKIE} cookie, else 401. Opening any page with {@code ?token=<token>} sets the
 *       cookie (HttpOnly, SameSite=Strict) and redirects to the same page without the token.
 *   <li>Without a token (loopback only): the {@code Host} header must name a loopback host, else
 *       403, so a web page in the user's browser cannot read the API through DNS rebinding.
 * </ul>
 *
 * Tokens are compared in constant time. Stateless and thread-safe.
 */
final class AccessGuard {
  static final String COOKIE = "hourglass_token";
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final byte[] token;
  private final String bindHost;

  /** @param token the configured token, or null/blank for none */
  AccessGuard(String token, String bindHost) {
    this.token =
        token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    this.bindHost = bindHost.toLowerCase(Locale.ROOT);
  }

  /** True if the request may proceed; otherwise the refusal has been sent. */
  boolean admit(HttpExchange exchange) throws IOException {
    if (token == null) {
      if (hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
        return true;
      }
      Responses.text(exchange, 403, "Host not allowed: open the dashboard through 127.0.0.1 or localhost");
      return false;
    }
    URI uri = exchange.getRequestURI();
    String fromQuery = queryToken(uri.getRawQuery());
    if (fromQuery != null) {
      if (!matches(fromQuery)) {
        unauthorized(exchange);
        return false;
      }
      exchange
          .getResponseHeaders()
          .add(
              "Set-Cookie",
              COOKIE
                  + "="
                  + java.net.URLEncoder.encode(fromQuery, StandardCharsets.UTF_8)
                  + "; Path=/; HttpOnly; SameSite=Strict");
      Responses.redirect(exchange, uri.getRawPath());
      return false;
    }
    if (matches(bearer(exchange)) || matches(cookie(exchange))) {
      return true;
    }
    unauthorized(exchange);
    return false;
  }

  private boolean hostAllowed(String hostHeader) {
    if (hostHeader == null) {
      return true; // HTTP/1.0 without Host: nothing to rebind
    }
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? host : host.substring(0, end + 1);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return LOOPBACK_HOSTS.contains(host) || host.equals(bindHost);
  }

  private boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  private static void unauthorized(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"hourglass\"");
    Responses.text(
        exchange,
        401,
        "Hourglass: a token is required. Send Authorization: Bearer <token>, or open /?token=<token>"
            + " once in the browser.");
  }

  private static String bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return null;
  }

  private static String cookie(HttpExchange exchange) {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        if (trimmed.startsWith(COOKIE + "=")) {
          return java.net.URLDecoder.decode(trimmed.substring(COOKIE.length() + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  static String queryToken(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("token=")) {
        return java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
