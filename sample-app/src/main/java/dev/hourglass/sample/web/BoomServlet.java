package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /boom}: an unhandled failure. The exception leaves the servlet and the container turns it into
 * a 500, which is the other way a request fails and must be timed and counted just the same.
 */
final class BoomServlet extends SampleServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        throw new IllegalStateException("boom");
    }
}
