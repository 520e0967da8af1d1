package dev.hourglass.it.reliability;

import jakarta.servlet.AsyncContext;
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

/**
 * The request and response objects, filters and servlets a hostile servlet application uses,
 * whatever its container. Written once, for the Jakarta servlet API; the build generates the javax
 * twin of this class (integration-tests/pom.xml) by renaming packages, as the agent's javax advice
 * is generated from its Jakarta advice.
 */
final class HostileServletObjects {
  static final String FAILURE = "the application's own failure";

  private HostileServletObjects() {}

  /**
   * The request handed over for an outcome: {@code nulls}, a {@link NullingRequest}; {@code
   * older-request}, a class of a Servlet 2.5-era library without {@code getDispatcherType()};
   * otherwise a {@link HostileRequest}.
   */
  static ServletRequest request(String outcome, HttpServletRequest request) {
    return switch (outcome) {
      case "nulls" -> new NullingRequest(request);
      case "older-request" ->
          HandRolled.implement(
              HttpServletRequest.class,
              HandRolled.forwardingTo(HttpServletRequest.class, request),
              "getDispatcherType");
      default -> new HostileRequest(request);
    };
  }

  /**
   * The response handed over for an outcome: the container's own with {@code nulls} and {@code
   * older-request}; {@code older-response}, a class of a Servlet 2.5-era library without {@code
   * getStatus()}; otherwise a {@link HostileResponse}.
   */
  static ServletResponse response(String outcome, HttpServletResponse response) {
    return switch (outcome) {
      case "nulls", "older-request" -> response;
      case "older-response" ->
          HandRolled.implement(
              HttpServletResponse.class,
              HandRolled.forwardingTo(HttpServletResponse.class, response),
              "getStatus");
      default -> new HostileResponse(response);
    };
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

  /** Passes the rest of the chain a {@link HostileRequest} and a {@link HostileResponse}. */
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

  static final class Failing extends GenericServlet {
    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException {
      throw new ServletException(FAILURE);
    }
  }

  /** Goes async with the objects it was given, and answers 202 from the container's pool. */
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
}
