package dev.hourglass.sample.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Base of the app's servlets: answers {@link BadRequest} with a plain-text 400 that says what was wrong.
 * Every other exception is left to the container on purpose, which is what {@code /boom} relies on.
 */
abstract class SampleServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            super.service(request, response);
        } catch (BadRequest e) {
            Responses.text(response, HttpServletResponse.SC_BAD_REQUEST, "Bad request: " + e.getMessage() + "\n");
        }
    }
}
