package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * {@code GET /downstream?ms=N}: calls this app's {@code /slow?ms=N} with the JDK {@link HttpClient} and
 * reports the status it got (502 if the call failed, 504 if it timed out).
 */
final class HttpClientDownstreamServlet extends SampleServlet {

    /**
     * One client for all requests: it owns a connection pool and a selector thread, so one per request would
     * waste both. HTTP/1.1 because the target speaks nothing else and an h2c upgrade attempt is just noise.
     */
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(DownstreamTarget.CONNECT_TIMEOUT)
            .build();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int millis = Parameters.millis(request, DownstreamTarget.DEFAULT_MILLIS);
        URI target = DownstreamTarget.slowEndpoint(request, millis);
        HttpRequest call = HttpRequest.newBuilder(target)
                .timeout(DownstreamTarget.responseTimeout(millis))
                .GET()
                .build();
        try {
            HttpResponse<Void> answer = client.send(call, HttpResponse.BodyHandlers.discarding());
            Responses.text(response, HttpServletResponse.SC_OK, DownstreamTarget.describe(target, answer.statusCode()));
        } catch (HttpTimeoutException e) {
            Responses.text(response, HttpServletResponse.SC_GATEWAY_TIMEOUT, "downstream call timed out: " + e + "\n");
        } catch (IOException e) {
            Responses.text(response, HttpServletResponse.SC_BAD_GATEWAY, "downstream call failed: " + e + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted: shutting down\n");
        }
    }

    @Override
    public void destroy() {
        // HttpClient became AutoCloseable in Java 21; on 17 its threads simply end with the JVM.
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log("closing the downstream HttpClient failed", e);
            }
        }
    }
}
