package dev.hourglass.sample;

import dev.hourglass.sample.db.Database;
import dev.hourglass.sample.db.OwnerStore;
import dev.hourglass.sample.db.Schema;
import dev.hourglass.sample.web.Endpoints;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The running sample app: database pool, Jetty and the scheduler behind {@code /async}, started together and
 * stopped together. {@link #main} is the command line; tests call {@link #start} and {@link #close} directly.
 */
public final class SampleApp implements AutoCloseable {

    /** How long a stop waits for requests already in flight before cutting them off. */
    private static final long GRACEFUL_STOP_MILLIS = 5_000;

    private final Server server;
    private final Database database;
    private final ScheduledExecutorService scheduler;
    private final URI baseUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SampleApp(Server server, Database database, ScheduledExecutorService scheduler, URI baseUri) {
        this.server = server;
        this.database = database;
        this.scheduler = scheduler;
        this.baseUri = baseUri;
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(SampleConfig.USAGE);
            return;
        }
        SampleConfig config;
        try {
            config = SampleConfig.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(SampleConfig.USAGE);
            System.exit(2);
            return;
        }
        SampleApp app;
        try {
            app = start(config);
        } catch (Exception e) {
            System.err.println("Sample app failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        // Runs on SIGTERM and SIGINT as well as on a normal exit.
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "sample-app-shutdown"));
        // Tests and scripts parse this exact line to learn the port; keep it the only line on stdout.
        System.out.println("Sample app listening on " + app.baseUri());
        System.out.flush();
        app.join();
    }

    /** Opens the database (schema and seed included), then starts Jetty. Returns once requests are served. */
    public static SampleApp start(SampleConfig config) throws Exception {
        Database database = Database.open(config.jdbc());
        ScheduledExecutorService scheduler = null;
        Server server = null;
        try {
            Schema.initialize(database);
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "sample-async-completer");
                thread.setDaemon(true);
                return thread;
            });
            server = newServer(config, new OwnerStore(database), scheduler);
            server.start();
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            return new SampleApp(server, database, scheduler, baseUri(config.host(), port));
        } catch (Exception e) {
            stopQuietly(server, e);
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            database.close();
            throw e;
        }
    }

    private static Server newServer(SampleConfig config, OwnerStore store, ScheduledExecutorService scheduler) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("sample-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        Endpoints.install(context, store, scheduler);
        // GracefulHandler lets a stop wait for in-flight requests (up to the stop timeout) instead of dropping them.
        server.setHandler(new GracefulHandler(context));
        server.setStopTimeout(GRACEFUL_STOP_MILLIS);
        return server;
    }

    private static URI baseUri(String host, int port) throws URISyntaxException {
        return new URI("http", null, host, port, null, null, null);
    }

    /** E.g. {@code http://127.0.0.1:8080}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    /** Blocks until the server has stopped. */
    public void join() {
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting connections, lets in-flight requests finish, then closes the scheduler and the pool, in
     * that order, so no request loses its database or async completion halfway. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("Sample app: stopping Jetty failed: " + e);
        } finally {
            scheduler.shutdownNow();
            database.close();
        }
    }

    private static void stopQuietly(Server server, Exception cause) {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception stopFailure) {
            cause.addSuppressed(stopFailure);
        }
    }
}
