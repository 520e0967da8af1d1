package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where the downstream endpoints call: this same app's {@code /slow}, reached through the address and port
 * the incoming request arrived on. That works for any {@code --host} and for port 0 without the servlets
 * having to be told the port after the server has started.
 */
final class DownstreamTarget {

    static final int DEFAULT_MILLIS = 100;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The downstream call may take N ms by design; this is how much longer it may take before we give up. */
    static final Duration RESPONSE_GRACE = Duration.ofSeconds(10);

    private DownstreamTarget() {
    }

    static URI slowEndpoint(HttpServletRequest request, int millis) {
        try {
            // This URI constructor puts brackets around an IPv6 literal by itself.
            return new URI("http", null, request.getLocalAddr(), request.getLocalPort(), "/slow", "ms=" + millis,
                    null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot build a URI for the local address " + request.getLocalAddr(), e);
        }
    }

    static Duration responseTimeout(int millis) {
        return Duration.ofMillis(millis).plus(RESPONSE_GRACE);
    }

    /** The body both downstream endpoints answer with, e.g. {@code downstream GET /slow?ms=50 answered 200}. */
    static String describe(URI target, int status) {
        return "downstream GET " + target.getRawPath() + "?" + target.getRawQuery() + " answered " + status + "\n";
    }
}
