package dev.hourglass.sample.web;

import dev.hourglass.sample.db.OwnerStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/** {@code GET /db/slow?ms=N}: one JDBC statement that spends N ms (default 100) inside the database. */
final class SlowQueryServlet extends SampleServlet {

    static final int DEFAULT_MILLIS = 100;

    private final OwnerStore store;

    SlowQueryServlet(OwnerStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int millis = Parameters.millis(request, DEFAULT_MILLIS);
        try {
            store.slowQuery(millis);
        } catch (SQLException e) {
            throw new ServletException("slow query failed", e);
        }
        Responses.text(response, HttpServletResponse.SC_OK, "query slept " + millis + " ms\n");
    }
}
