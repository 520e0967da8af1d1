package dev.hourglass.sample.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.hourglass.sample.db.Owner;
import dev.hourglass.sample.db.OwnerStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /cached/owners/{id}}, mapped as {@code /cached/owners/*}: the owner of {@code /owners/{id}}
 * through a Caffeine cache that loads from the database on a miss, so the agent's Caches table has a cache to
 * show (named after where it is built, {@code CachedOwnerServlet.owners}). Entries live 30 seconds.
 */
final class CachedOwnerServlet extends SampleServlet {

    private static final Pattern ID = Pattern.compile("/[1-9][0-9]{0,17}");

    private final OwnerStore store;
    private LoadingCache<Long, Optional<Owner>> owners;

    CachedOwnerServlet(OwnerStore store) {
        this.store = store;
    }

    /**
     * Built when the container initializes the servlet (at its first request) rather than when the app wires
     * it: an agent attached to this JVM has finished weaving by then, so it sees the cache being built and
     * names it after the method that builds it.
     */
    @Override
    public void init() {
        owners = owners(store);
    }

    private static LoadingCache<Long, Optional<Owner>> owners(OwnerStore store) {
        return Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(Duration.ofSeconds(30))
                .build(id -> load(store, id));
    }

    private static Optional<Owner> load(OwnerStore store, long id) {
        try {
            return store.findOwner(id);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("looking up owner " + id + " failed", e));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String pathInfo = request.getPathInfo();
        if (pathInfo == null || !ID.matcher(pathInfo).matches()) {
            Responses.text(response, HttpServletResponse.SC_NOT_FOUND,
                    "Not found: expected /cached/owners/{id} with a positive numeric id\n");
            return;
        }
        long id = Long.parseLong(pathInfo.substring(1));
        Optional<Owner> owner = owners.get(id);
        if (owner.isPresent()) {
            Responses.json(response, HttpServletResponse.SC_OK, Json.owner(owner.get()));
        } else {
            Responses.text(response, HttpServletResponse.SC_NOT_FOUND, "No owner with id " + id + "\n");
        }
    }
}
