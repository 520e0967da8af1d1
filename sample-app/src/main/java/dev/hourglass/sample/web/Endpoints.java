package dev.hourglass.sample.web;

import dev.hourglass.sample.db.OwnerStore;
import jakarta.servlet.http.HttpServlet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The app's endpoint table: each servlet with its mapping pattern and the documentation the index page shows.
 * Registering and documenting in one place keeps the index from drifting away from what is really served.
 */
public final class Endpoints {

    private final ServletContextHandler context;
    private final List<Route> routes = new ArrayList<>();

    private Endpoints(ServletContextHandler context) {
        this.context = context;
    }

    /** Registers every servlet, and the index page that documents them, on the context. */
    public static void install(ServletContextHandler context, OwnerStore store,
                               ScheduledExecutorService scheduler) {
        Endpoints endpoints = new Endpoints(context);
        endpoints.mount("/fast", new FastServlet())
                .get("/fast", "Trivial work: the baseline.");
        endpoints.mount("/slow", new SlowServlet())
                .get("/slow?ms=250", "Sleeps ms milliseconds (default 100, at most 60000) on the request thread.");
        endpoints.mount("/fail", new FailServlet())
                .get("/fail", "Answers 500 through resp.sendError(500).");
        endpoints.mount("/boom", new BoomServlet())
                .get("/boom", "Throws IllegalStateException(\"boom\") out of the servlet; the container answers 500.");
        endpoints.mount("/async", new AsyncServlet(scheduler)).async()
                .get("/async?ms=250", "Servlet async: completed from another thread after ms milliseconds (default 100).");
        endpoints.mount("/owners/*", new OwnerServlet(store))
                .get("/owners/42", "One owner by id (one SELECT), 404 if there is none.");
        endpoints.mount("/cached/owners/*", new CachedOwnerServlet(store))
                .get("/cached/owners/42", "One owner through a Caffeine cache: a SELECT on a miss, none on a hit.");
        endpoints.mount("/db/owners", new DbOwnersServlet(store))
                .get("/db/owners", "Every owner, one SELECT.")
                .post("/db/owners?name=Kim&city=Graz&pet=Rex",
                        "Inserts an owner (name, city, optional repeated pet) in one transaction; 201.");
        endpoints.mount("/db/n-plus-one", new NPlusOneServlet(store))
                .get("/db/n-plus-one?n=12", "N owners (default 12) with their pets: 1 + N SELECT statements.");
        endpoints.mount("/db/slow", new SlowQueryServlet(store))
                .get("/db/slow?ms=250", "One statement that spends ms milliseconds in the database (default 100).");
        endpoints.mount("/db/batch", new BatchInsertServlet(store))
                .post("/db/batch?n=10", "Inserts n owners (default 10) with one addBatch/executeBatch in one transaction.");
        endpoints.mount("/downstream", new HttpClientDownstreamServlet())
                .get("/downstream?ms=250", "Calls this app's /slow?ms=N with java.net.http.HttpClient; reports its status.");
        endpoints.mount("/downstream/urlconnection", new UrlConnectionDownstreamServlet())
                .get("/downstream/urlconnection?ms=250", "The same call made with HttpURLConnection.");
        endpoints.mount("/checkout", new CheckoutServlet(store))
                .get("/checkout?dbMs=600&downstreamMs=300",
                        "One statement of dbMs ms in the database, then a downstream call to /slow?ms=downstreamMs.");
        endpoints.mount("/errors/orders", new OrderErrorsServlet())
                .get("/errors/orders?in=parse&id=7",
                        "Throws IllegalStateException from parse (or save with in=save), the id in its message.");
        endpoints.mount("/errors/invoices", new OrderErrorsServlet())
                .get("/errors/invoices?in=parse&id=7", "The same servlet and exceptions on a second route.");
        // "" is the servlet spec's pattern for exactly the context root; other unknown paths stay 404.
        endpoints.mount("", new IndexServlet(endpoints.routes))
                .get("/", "This page.");
    }

    private Mount mount(String pattern, HttpServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        context.addServlet(holder, pattern);
        return new Mount(pattern, holder);
    }

    /** Documents what one registered servlet serves. */
    private final class Mount {
        private final String pattern;
        private final ServletHolder holder;

        private Mount(String pattern, ServletHolder holder) {
            this.pattern = pattern;
            this.holder = holder;
        }

        Mount async() {
            holder.setAsyncSupported(true);
            return this;
        }

        Mount get(String example, String description) {
            routes.add(new Route("GET", example, pattern, description));
            return this;
        }

        Mount post(String example, String description) {
            routes.add(new Route("POST", example, pattern, description));
            return this;
        }
    }
}
