package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /errors/orders?in=parse|save&id=N} and the same on {@code /errors/invoices}: throws an
 * {@link IllegalStateException} out of {@link #parse} or {@link #save}, with the id in its message. The same
 * failure from two places, and the same place on two routes, is what an error inbox must tell apart.
 */
final class OrderErrorsServlet extends SampleServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        String id = request.getParameter("id");
        if ("save".equals(request.getParameter("in"))) {
            save(id);
        } else {
            parse(id);
        }
    }

    private static void parse(String id) {
        throw new IllegalStateException("cannot parse order " + id);
    }

    private static void save(String id) {
        throw new IllegalStateException("cannot save order " + id);
    }
}
