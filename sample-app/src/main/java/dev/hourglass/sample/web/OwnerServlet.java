package dev.hourglass.sample.web;

import dev.hourglass.sample.db.Owner;
import dev.hourglass.sample.db.OwnerStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /owners/{id}}, mapped as {@code /owners/*}: one owner by primary key, 404 if there is none.
 * Every id shares the one mapping pattern, so a route-level metric has one series, not one per owner.
 */
final class OwnerServlet extends SampleServlet {

    /** A positive id short enough (18 digits) to always fit in a long. */
    private static final Pattern ID = Pattern.compile("/[1-9][0-9]{0,17}");

    private final OwnerStore store;

    OwnerServlet(OwnerStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String pathInfo = request.getPathInfo();
        if (pathInfo == null || !ID.matcher(pathInfo).matches()) {
            Responses.text(response, HttpServletResponse.SC_NOT_FOUND,
                    "Not found: expected /owners/{id} with a positive numeric id\n");
            return;
        }
        long id = Long.parseLong(pathInfo.substring(1));
        Optional<Owner> owner;
        try {
            owner = store.findOwner(id);
        } catch (SQLException e) {
            throw new ServletException("looking up owner " + id + " failed", e);
        }
        if (owner.isPresent()) {
            Responses.json(response, HttpServletResponse.SC_OK, Json.owner(owner.get()));
        } else {
            Responses.text(response, HttpServletResponse.SC_NOT_FOUND, "No owner with id " + id + "\n");
        }
    }
}
