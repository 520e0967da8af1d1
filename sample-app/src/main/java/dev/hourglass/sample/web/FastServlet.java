package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /fast}: as little work as a request can do; the baseline every other endpoint is compared to. */
final class FastServlet extends SampleServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Responses.text(response, HttpServletResponse.SC_OK, "fast\n");
    }
}
