package dev.hourglass.agent.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a request may be answered, and whether it may change anything.
 *
 * <ul>
 *   <li>Tokens: {@code hourglass.http.token} gives write authority (edit rules, acknowledge
 *       alerts), {@code hourglass.http.read.token} read-only access. A request carries one as
 *       {@code Authorization: Bearer <token>} or in the {@value #COOKIE} cookie. Opening any page
 *       with {@code ?token=<token>} sets that cookie and a {@value #SESSION} cookie (both HttpOnly,
 *       SameSite=Strict) and redirects to the same page without the token.
 *   <li>With a token configured, a request with neither token is refused (401).
 *   <li>With no token at all (loopback only): reads only, and the {@code Host} header must name a
 *       loopback host, else 403, so a web page in the user's browser cannot read the API through
 *       DNS rebinding. Writes need the write token even on loopback.
 *   <li>Writes (any method but GET and HEAD) authorised by the cookie must also come from the
 *       dashboard itself: an {@code Origin} equal to the server's own, and the header {@value
 *       #CSRF_HEADER} carrying the session's CSRF token (an HMAC of the session id under a key
 *       drawn at start, so nothing is stored per session). A cross-site page can neither read that
 *       token nor send the header without a CORS preflight, which this server never grants. Writes
 *       authorised by the {@code Authorization} header (scripts) need no CSRF token: browsers do
 *       not add that header on their own.
 * </ul>
 *
 * Tokens are compared in constant time. Thread-safe (immutable after construction).
 */
final class AccessGuard {
  static final String COOKIE = "hourglass_token";
  static final String SESSION = "hourglass_session";
  static final String CSRF_HEADER = "X-Hourglass-CSRF";
  static final String ENABLE_EDITING =
      "editing is off: start the agent with hourglass.http.token=<secret> and open the dashboard"
          + " once with ?token=<secret>";
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /** What an admitted request may do. */
  enum Role {
    READ,
    WRITE
  }

  /**
   * An admitted request.
   *
   * @param byCookie authorised by the cookie (a browser), not by the {@code Authorization} header
   * @param session the session id from the cookie, or null
   */
  record Access(Role role, boolean byCookie, String session) {
    boolean canWrite() {
      return role == Role.WRITE;
    }
  }

  private final byte[] writeToken;
  private final byte[] readToken;
  private final String bindHost;
  private final SecretKeySpec csrfKey;
  private final SecureRandom random = new SecureRandom();

  /** @param writeToken the configured write token, or null/blank for none; the same for readToken */
  AccessGuard(String writeToken, String readToken, String bindHost) {
    this.writeToken = bytes(writeToken);
    this.readToken = bytes(readToken);
    this.bindHost = bindHost.toLowerCase(Locale.ROOT);
    byte[] key = new byte[32];
    random.nextBytes(key);
    this.csrfKey = new SecretKeySpec(key, "HmacSHA256");
  }

  private static byte[] bytes(String token) {
    return token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
  }

  /** Whether anyone can write: the write token is configured. */
  boolean editingEnabled() {
    return writeToken != null;
  }

  /** The request's access, or null after the refusal has been sent. */
  Access admit(HttpExchange exchange) throws IOException {
    if (writeToken == null && readToken == null) {
      if (hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
        return new Access(Role.READ, false, cookie(exchange, SESSION));
      }
      Responses.text(exchange, 403, "Host not allowed: open the dashboard through 127.0.0.1 or localhost");
      return null;
    }
    URI uri = exchange.getRequestURI();
    String fromQuery = queryToken(uri.getRawQuery());
    if (fromQuery != null) {
      if (role(fromQuery) == null) {
        unauthorized(exchange);
        return null;
      }
      exchange.getResponseHeaders().add("Set-Cookie", cookieHeader(COOKIE, fromQuery));
      exchange.getResponseHeaders().add("Set-Cookie", cookieHeader(SESSION, newSession()));
      Responses.redirect(exchange, uri.getRawPath());
      return null;
    }
    Role bearer = role(bearer(exchange));
    if (bearer != null) {
      return new Access(bearer, false, null);
    }
    Role cookie = role(cookie(exchange, COOKIE));
    if (cookie != null) {
      return new Access(cookie, true, cookie(exchange, SESSION));
    }
    unauthorized(exchange);
    return null;
  }

  /**
   * Whether a write may proceed: write authority, and for a browser the same origin and the
   * session's CSRF token. Otherwise the refusal (403) has been sent.
   */
  boolean admitWrite(HttpExchange exchange, Access access) throws IOException {
    if (!access.canWrite()) {
      Responses.jsonError(
          exchange, 403, writeToken == null ? ENABLE_EDITING : "this token gives read-only access");
      return false;
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
      Responses.jsonError(exchange, 403, "cross-origin write refused (Origin " + origin + ")");
      return false;
    }
    if (!access.byCookie()) {
      return true;
    }
    String csrf = exchange.getRequestHeaders().getFirst(CSRF_HEADER);
    if (origin == null || access.session() == null || csrf == null
        || !MessageDigest.isEqual(
            csrfToken(access.session()).getBytes(StandardCharsets.UTF_8),
            csrf.getBytes(StandardCharsets.UTF_8))) {
      Responses.jsonError(
          exchange, 403, "write refused: it must come from the dashboard page (Origin and " + CSRF_HEADER + ")");
      return false;
    }
    return true;
  }

  /** A fresh random session id. */
  String newSession() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  /** The CSRF token of a session: HMAC-SHA256 of its id, hex. */
  String csrfToken(String session) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(csrfKey);
      return HexFormat.of().formatHex(mac.doFinal(session.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  static String cookieHeader(String name, String value) {
    return name
        + "="
        + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)
        + "; Path=/; HttpOnly; SameSite=Strict";
  }

  private Role role(String candidate) {
    if (candidate == null) {
      return null;
    }
    byte[] bytes = candidate.getBytes(StandardCharsets.UTF_8);
    if (writeToken != null && MessageDigest.isEqual(writeToken, bytes)) {
      return Role.WRITE;
    }
    if (readToken != null && MessageDigest.isEqual(readToken, bytes)) {
      return Role.READ;
    }
    return null;
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

  static String cookie(HttpExchange exchange, String name) {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        if (trimmed.startsWith(name + "=")) {
          return java.net.URLDecoder.decode(trimmed.substring(name.length() + 1), StandardCharsets.UTF_8);
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
