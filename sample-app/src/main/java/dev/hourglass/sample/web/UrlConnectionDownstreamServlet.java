package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;

/**
 * {@code GET /downstream/urlconnection?ms=N}: the same call as {@code /downstream}, made with the older
 * {@link HttpURLConnection}, which a lot of existing code (and many libraries underneath) still uses.
 */
final class UrlConnectionDownstreamServlet extends SampleServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int millis = Parameters.millis(request, DownstreamTarget.DEFAULT_MILLIS);
        URI target = DownstreamTarget.slowEndpoint(request, millis);
        try {
            int status = callSlow(target, millis);
            Responses.text(response, HttpServletResponse.SC_OK, DownstreamTarget.describe(target, status));
        } catch (SocketTimeoutException e) {
            Responses.text(response, HttpServletResponse.SC_GATEWAY_TIMEOUT, "downstream call timed out: " + e + "\n");
        } catch (IOException e) {
            Responses.text(response, HttpServletResponse.SC_BAD_GATEWAY, "downstream call failed: " + e + "\n");
        }
    }

    /** Calls {@code target} (this app's {@code /slow?ms=millis}) and returns the status it answered. */
    static int callSlow(URI target, int millis) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
        connection.setConnectTimeout((int) DownstreamTarget.CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) DownstreamTarget.responseTimeout(millis).toMillis());
        try {
            int status = connection.getResponseCode();
            drain(connection, status);
            return status;
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    /** Reading the body to the end and closing it hands the connection back to the JDK's keep-alive cache. */
    private static void drain(HttpURLConnection connection, int status) throws IOException {
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (body != null) {
            try (body) {
                body.transferTo(OutputStream.nullOutputStream());
            }
        }
    }
}
