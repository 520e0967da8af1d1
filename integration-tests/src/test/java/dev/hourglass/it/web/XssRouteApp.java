package dev.hourglass.it.web;

import dev.hourglass.sample.SampleApp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The sample app, plus a second small server in the same JVM whose one servlet declares a route
 * template containing markup, the way Spring MVC publishes its best-matching pattern. The agent
 * reports it as {@value #ROUTE}; the dashboard must show it as text.
 */
public final class XssRouteApp {
  static final String READY = "Route app listening on (\\S+)";
  static final String ROUTE = "/items/<script>alert('xss')</script>/{id}";
  private static final String SPRING_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private XssRouteApp() {}

  public static void main(String[] args) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new ItemServlet()), "/items/*");
    server.setHandler(context);
    server.start();
    System.out.println("Route app listening on http://127.0.0.1:" + connector.getLocalPort());
    SampleApp.main(args);
  }

  /** Answers every item; declares the template the way a framework would. */
  static final class ItemServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      // The agent prefixes the servlet path (/items) to a framework's pattern.
      request.setAttribute(SPRING_PATTERN, ROUTE.substring("/items".length()));
      response.setContentType("text/plain");
      response.getWriter().write("item " + request.getPathInfo());
    }
  }
}
