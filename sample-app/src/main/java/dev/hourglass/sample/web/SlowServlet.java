package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /slow?ms=N}: holds the request thread for N ms (default 100), like a slow computation would. */
final class SlowServlet extends SampleServlet {

    static final int DEFAULT_MILLIS = 100;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int millis = Parameters.millis(request, DEFAULT_MILLIS);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // Jetty interrupts request threads only when it is stopping.
            Thread.currentThread().interrupt();
            Responses.text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted: shutting down\n");
            return;
        }
        Responses.text(response, HttpServletResponse.SC_OK, "slept " + millis + " ms\n");
    }
}
