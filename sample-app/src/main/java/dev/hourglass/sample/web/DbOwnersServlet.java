package dev.hourglass.sample.web;

import dev.hourglass.sample.db.Owner;
import dev.hourglass.sample.db.OwnerStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code /db/owners}. GET lists every owner with one SELECT. POST creates an owner from the parameters
 * {@code name}, {@code city} and optional repeated {@code pet}, all in one transaction, and answers 201.
 */
final class DbOwnersServlet extends SampleServlet {

    static final int MAX_PETS = 10;

    private final OwnerStore store;

    DbOwnersServlet(OwnerStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        try {
            Responses.json(response, HttpServletResponse.SC_OK, Json.owners(store.listOwners()));
        } catch (SQLException e) {
            throw new ServletException("listing owners failed", e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String name = Parameters.requiredText(request, "name");
        String city = Parameters.requiredText(request, "city");
        List<String> pets = Parameters.repeatedText(request, "pet", MAX_PETS);
        Owner owner;
        try {
            owner = store.insertOwner(name, city, pets);
        } catch (SQLException e) {
            throw new ServletException("inserting owner failed", e);
        }
        response.setHeader("Location", "/owners/" + owner.id());
        Responses.json(response, HttpServletResponse.SC_CREATED, Json.owner(owner));
    }
}
