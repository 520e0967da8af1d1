package dev.hourglass.it.reliability;

import dev.hourglass.it.LoopbackJetty;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
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

  /** A request whose method cannot be read, as some security wrappers behave when misused. */
  static final class HostileRequest extends HttpServletRequestWrapper {
    HostileRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getMethod() {
      throw new IllegalStateException("getMethod() is not available on this wrapper");
    }

    @Override
    public String getContextPath() {
      return null;
    }
  }

  /** A bridge's request that knows its method and path info, and nothing else about its origin. */
  static final class NullingRequest extends HttpServletRequestWrapper {
    NullingRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getRequestURI() {
      return null;
    }

    @Override
    public String getServletPath() {
      return null;
    }

    @Override
    public String getContextPath() {
      return null;
    }

    @Override
    public String getPathInfo() {
      return "/bridged";
    }

    @Override
    public HttpServletMapping getHttpServletMapping() {
      return null;
    }
  }

  /** A response whose status cannot be read. */
  static final class HostileResponse extends HttpServletResponseWrapper {
    HostileResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public int getStatus() {
      throw new UnsupportedOperationException("getStatus() is not available on this wrapper");
    }
  }

  static final class RawUriAsRoute implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      request.setAttribute(SPRING_PATTERN, ((HttpServletRequest) request).getRequestURI());
      chain.doFilter(request, response);
    }
  }

  static final class HostileWrapping implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      chain.doFilter(
          new HostileRequest((HttpServletRequest) request),
          new HostileResponse((HttpServletResponse) response));
    }
  }

  /** Never asks for the method (HttpServlet.service would): the app itself does not need it. */
  static final class Plain extends GenericServlet {
    @Override
    public void service(ServletRequest request, ServletResponse response) throws IOException {
      response.setContentType("text/plain");
      response.getWriter().print("plain");
    }
  }

  static final class AsyncWithWrappers extends GenericServlet {
    @Override
    public void service(ServletRequest request, ServletResponse response) {
      AsyncContext async = request.startAsync(request, response);
      async.start(
          () -> {
            try {
              ((HttpServletResponse) async.getResponse()).setStatus(202);
              async.getResponse().getWriter().print("async answer");
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
            async.complete();
          });
    }
  }

  static final class Handoff extends GenericServlet {
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final Plain inner = new Plain();

    @Override
    public void service(ServletRequest request, ServletResponse response) throws IOException {
      String outcome = Objects.requireNonNullElse(request.getParameter("outcome"), "ok");
      HttpServletRequest http = (HttpServletRequest) request;
      HttpServletResponse httpResponse = (HttpServletResponse) response;
      ServletRequest hostileRequest =
          switch (outcome) {
            case "nulls" -> new NullingRequest(http);
            case "older-request" ->
                HandRolled.implement(
                    HttpServletRequest.class,
                    HandRolled.forwardingTo(HttpServletRequest.class, http),
                    "getDispatcherType");
            default -> new HostileRequest(http);
          };
      ServletResponse hostileResponse =
          switch (outcome) {
            case "nulls", "older-request" -> httpResponse;
            case "older-response" ->
                HandRolled.implement(
                    HttpServletResponse.class,
                    HandRolled.forwardingTo(HttpServletResponse.class, httpResponse),
                    "getStatus");
            default -> new HostileResponse(httpResponse);
          };
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

  static final class Failing extends GenericServlet {
    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException {
      throw new ServletException("the application's own failure");
    }
  }

  static final class Exit extends GenericServlet {
    @Override
    public void service(ServletRequest request, ServletResponse response) {
      System.exit(3);
    }
  }
}
