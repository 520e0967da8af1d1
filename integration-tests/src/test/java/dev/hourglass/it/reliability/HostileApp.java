package dev.hourglass.it.reliability;

import dev.hourglass.it.harness.LoopbackJetty;
import dev.hourglass.it.reliability.HostileServletObjects.AsyncWithWrappers;
import dev.hourglass.it.reliability.HostileServletObjects.Failing;
import dev.hourglass.it.reliability.HostileServletObjects.HostileWrapping;
import dev.hourglass.it.reliability.HostileServletObjects.Plain;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * A Jetty 12 (jakarta.servlet 6) application that does what real applications sometimes do to
 * the objects the agent reads. Prints {@code Hostile app listening on http://127.0.0.1:<port>}.
 *
 * <ul>
 *   <li>{@code /explode/*}: a filter publishes the raw URI as the framework route pattern (as a
 *       misconfigured framework might), so every URL would be its own series.
 *   <li>{@code /wrapped-async}: a filter wraps request and response in objects whose {@code
 *       getMethod()} and {@code getStatus()} throw; the servlet goes async with the wrappers.
 *   <li>{@code /handoff?outcome=ok|throw}: the request is served on a worker thread by calling a
 *       servlet directly with such wrappers (as test harnesses and bridges do), the worker's answer
 *       or exception reported in the body. Other outcomes hand over other objects: {@code nulls}, a
 *       request whose URI, servlet path, context path and mapping are null; {@code older-response}
 *       and {@code older-request}, classes of a Servlet 2.5-era library that lack {@code
 *       getStatus()} and {@code getDispatcherType()}.
 *   <li>{@code /exit}: calls {@code System.exit(3)} from the request thread.
 * </ul>
 *
 * <p>The hostile objects are {@link HostileServletObjects}, whose javax twin {@link
 * HostileJavaxApp} hands over on Tomcat 9.
 */
public final class HostileApp {
  static final String SPRING_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private HostileApp() {}

  public static void main(String[] args) throws Exception {
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(
        new FilterHolder(new RawUriAsRoute()), "/explode/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new Plain()), "/explode/*");
    FilterHolder hostile = new FilterHolder(new HostileWrapping());
    hostile.setAsyncSupported(true);
    context.addFilter(hostile, "/wrapped-async", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder async = new ServletHolder(new AsyncWithWrappers());
    async.setAsyncSupported(true);
    context.addServlet(async, "/wrapped-async");
    context.addServlet(new ServletHolder(new Handoff()), "/handoff");
    context.addServlet(new ServletHolder(new Exit()), "/exit");
    LoopbackJetty.serve("Hostile app", Integer.parseInt(args[1]), context); // --port N
  }

  static final class RawUriAsRoute implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      request.setAttribute(SPRING_PATTERN, ((HttpServletRequest) request).getRequestURI());
      chain.doFilter(request, response);
    }
  }

  static final class Handoff extends GenericServlet {
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final Plain inner = new Plain();

    @Override
    public void service(ServletRequest request, ServletResponse response) throws IOException {
      String outcome = Objects.requireNonNullElse(request.getParameter("outcome"), "ok");
      ServletRequest hostileRequest =
          HostileServletObjects.request(outcome, (HttpServletRequest) request);
      ServletResponse hostileResponse =
          HostileServletObjects.response(outcome, (HttpServletResponse) response);
      GenericServlet target = "throw".equals(outcome) ? new Failing() : inner;
      Future<?> served =
          worker.submit(
              () -> {
                target.service(hostileRequest, hostileResponse);
                return null;
              });
      try {
        served.get();
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        response.getWriter().print("worker threw " + cause.getClass().getName() + ": " + cause.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static final class Exit extends GenericServlet {
    @Override
    public void service(ServletRequest request, ServletResponse response) {
      System.exit(3);
    }
  }
}
