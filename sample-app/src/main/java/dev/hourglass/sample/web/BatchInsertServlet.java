package dev.hourglass.sample.web;

import dev.hourglass.sample.db.OwnerStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/** {@code POST /db/batch?n=N}: inserts N owners (default 10) with a single JDBC batch in one transaction. */
final class BatchInsertServlet extends SampleServlet {

    static final int DEFAULT_ROWS = 10;
    static final int MAX_ROWS = 1_000;

    private final OwnerStore store;

    BatchInsertServlet(OwnerStore store) {
        this.store = store;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int rows = Parameters.boundedInt(request, "n", DEFAULT_ROWS, 1, MAX_ROWS);
        int inserted;
        try {
            inserted = store.insertOwnersInBatch(rows);
        } catch (SQLException e) {
            throw new ServletException("batch insert failed", e);
        }
        Responses.json(response, HttpServletResponse.SC_OK, "{\"inserted\":" + inserted + "}");
    }
}
