package dev.hourglass.sample.web;

import dev.hourglass.sample.db.OwnerStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/**
 * {@code GET /checkout?dbMs=N&downstreamMs=M}: a request that is slow for two reasons, one statement that
 * spends N ms in the database (default 600) and then one call to this app's {@code /slow?ms=M} (default 300)
 * with {@link java.net.HttpURLConnection}: what a slow-request waterfall should show side by side.
 */
final class CheckoutServlet extends SampleServlet {

    private final OwnerStore store;

    CheckoutServlet(OwnerStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int dbMillis = Parameters.boundedInt(request, "dbMs", 600, 0, Parameters.MAX_MILLIS);
        int downstreamMillis = Parameters.boundedInt(request, "downstreamMs", 300, 0, Parameters.MAX_MILLIS);
        try {
            store.slowQuery(dbMillis);
        } catch (SQLException e) {
            throw new ServletException("checkout query failed", e);
        }
        int status = UrlConnectionDownstreamServlet.callSlow(
                DownstreamTarget.slowEndpoint(request, downstreamMillis), downstreamMillis);
        Responses.text(response, HttpServletResponse.SC_OK,
                "checkout: query slept " + dbMillis + " ms, downstream answered " + status + "\n");
    }
}
