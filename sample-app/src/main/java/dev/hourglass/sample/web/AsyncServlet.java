package dev.hourglass.sample.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /async?ms=N}: starts async processing and returns the request thread at once; a scheduler thread
 * completes the response N ms later (default 100). The request's latency therefore ends long after
 * {@code service()} has returned, which is exactly what a servlet timer has to get right.
 */
final class AsyncServlet extends SampleServlet {

    static final int DEFAULT_MILLIS = 100;
    /** Added to N so the container's async timeout never fires before the scheduled completion does. */
    private static final long TIMEOUT_GRACE_MILLIS = 30_000;

    private final ScheduledExecutorService scheduler;

    AsyncServlet(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int millis = Parameters.millis(request, DEFAULT_MILLIS);
        AsyncContext async = request.startAsync();
        async.setTimeout(millis + TIMEOUT_GRACE_MILLIS);
        try {
            scheduler.schedule(() -> complete(async, HttpServletResponse.SC_OK,
                    "completed asynchronously after " + millis + " ms\n"), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            complete(async, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "shutting down\n");
        }
    }

    private static void complete(AsyncContext async, int status, String body) {
        try {
            Responses.text((HttpServletResponse) async.getResponse(), status, body);
        } catch (IOException e) {
            // The client has gone away: nobody is left to answer, and complete() below still frees the request.
        } finally {
            async.complete();
        }
    }
}
