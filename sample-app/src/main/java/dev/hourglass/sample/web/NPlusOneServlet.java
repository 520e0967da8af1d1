package dev.hourglass.sample.web;

import dev.hourglass.sample.db.OwnerStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/**
 * {@code GET /db/n-plus-one?n=N}: the first N owners (default 12) with their pets, fetched the N+1 way, so
 * one request issues N+1 JDBC statements.
 */
final class NPlusOneServlet extends SampleServlet {

    static final int DEFAULT_OWNERS = 12;
    static final int MAX_OWNERS = 1_000;

    private final OwnerStore store;

    NPlusOneServlet(OwnerStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int owners = Parameters.boundedInt(request, "n", DEFAULT_OWNERS, 1, MAX_OWNERS);
        try {
            Responses.json(response, HttpServletResponse.SC_OK,
                    Json.ownersWithPets(store.ownersWithPetsOneQueryPerOwner(owners)));
        } catch (SQLException e) {
            throw new ServletException("loading owners with pets failed", e);
        }
    }
}
