package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/** {@code GET /}: a small HTML page listing every endpoint, with links for the GET ones. */
final class IndexServlet extends SampleServlet {

    private final List<Route> routes;

    /** The list is completed before the server starts; it is only read while serving. */
    IndexServlet(List<Route> routes) {
        this.routes = Collections.unmodifiableList(routes);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // e.g. http://127.0.0.1:8080, so the POST examples can be pasted into a shell as they are.
        String base = request.getRequestURL().toString().replaceFirst("/$", "");
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Hourglass sample app</title></head><body>\n")
                .append("<h1>Hourglass sample app</h1>\n")
                .append("<p>A small workload for the Hourglass agent to measure.</p>\n")
                .append("<table>\n<tr><th>Method</th><th>Example</th><th>Mapping pattern</th><th>What it does</th></tr>\n");
        for (Route route : routes) {
            String example = escape(route.example());
            html.append("<tr><td>").append(route.method()).append("</td><td>")
                    .append("GET".equals(route.method())
                            ? "<a href=\"" + example + "\">" + example + "</a>"
                            : "<code>curl -X POST '" + escape(base) + example + "'</code>")
                    .append("</td><td><code>").append(escape(route.pattern().isEmpty() ? "\"\"" : route.pattern()))
                    .append("</code></td><td>").append(escape(route.description())).append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        Responses.html(response, HttpServletResponse.SC_OK, html.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
