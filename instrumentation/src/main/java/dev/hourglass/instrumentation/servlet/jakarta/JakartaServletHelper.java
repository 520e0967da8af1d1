package dev.hourglass.instrumentation.servlet.jakarta;

import dev.hourglass.bootstrap.RequestContext;
import dev.hourglass.bootstrap.ServerRequests;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What servlet advice does, in a real class: injected beside the servlet API of each application
 * so it can use its types. Stateless; safe to call from any thread.
 */
public final class JakartaServletHelper {
  /** Set by Spring MVC to the pattern of the matched handler, e.g. {@code /owners/{ownerId}}. */
  static final String SPRING_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private JakartaServletHelper() {}

  public static RequestContext start(ServletRequest request) {
    DispatcherType type = request.getDispatcherType();
    if (type == DispatcherType.ASYNC || type == DispatcherType.ERROR) {
      return null; // continues a request that is already being timed
    }
    if (!(request instanceof HttpServletRequest)) {
      return null;
    }
    return ServerRequests.start();
  }

  public static void end(
      RequestContext context, ServletRequest request, ServletResponse response, Throwable thrown) {
    if (context.async) {
      ServerRequests.leave(context);
      return;
    }
    try {
      HttpServletRequest http = (HttpServletRequest) request;
      // An exception escaping the handler makes the container answer 500, unless it committed.
      int status =
          thrown != null && !response.isCommitted() ? 500 : ((HttpServletResponse) response).getStatus();
      String errorType = thrown != null ? thrown.getClass().getName() : null;
      context.thrown = thrown;
      ServerRequests.end(context, http.getMethod(), route(http), status, errorType);
    } catch (Throwable unreadable) {
      // A wrapper whose getters throw (anything: an exception, an AbstractMethodError from a class
      // of an older API, an AssertionError): the request is not recorded, and it must not stay
      // bound to this thread, or later work here (a JDBC call outside any request) would be
      // charged to it.
      ServerRequests.leave(context);
      throw unreadable; // for the advice's exception handler, which counts it
    }
  }

  public static void startedAsync(AsyncContext asyncContext) {
    RequestContext context = RequestContext.current();
    if (context == null || context.async || asyncContext == null) {
      return; // not timed, or a wrapper already delegated to the real startAsync
    }
    ServerRequests.goAsync(context);
    asyncContext.addListener(
        new JakartaAsyncListener(context, asyncContext.getRequest(), asyncContext.getResponse()));
  }

  public static void endAsync(
      RequestContext context, ServletRequest request, ServletResponse response, String errorType) {
    try {
      HttpServletRequest http = (HttpServletRequest) request;
      int status = ((HttpServletResponse) response).getStatus();
      ServerRequests.end(context, http.getMethod(), route(http), status, errorType);
    } catch (Throwable unreadable) {
      ServerRequests.leave(context);
      throw unreadable; // the async listener counts it
    }
  }

  /**
   * The low-cardinality route template: Spring MVC's best-matching pattern when present, else the
   * servlet mapping pattern, prefixed with the context path. Never the raw URI.
   */
  public static String route(HttpServletRequest request) {
    String contextPath = request.getContextPath();
    Object spring = request.getAttribute(SPRING_PATTERN);
    String route;
    if (spring instanceof String) {
      route = servletPrefix(request) + spring;
    } else {
      route = mappingPattern(request);
    }
    return contextPath == null || contextPath.isEmpty() ? route : contextPath + route;
  }

  /** False on Servlet 3.x containers (javax only), which predate {@code getHttpServletMapping()}. */
  private static volatile boolean mappingSupported = true;

  private static HttpServletMapping mapping(HttpServletRequest request) {
    if (mappingSupported) {
      try {
        return request.getHttpServletMapping();
      } catch (LinkageError servlet3) {
        mappingSupported = false;
      }
    }
    return null;
  }

  private static String mappingPattern(HttpServletRequest request) {
    HttpServletMapping mapping = mapping(request);
    if (mapping == null) {
      // Servlet 3.x: a servlet mapped to a prefix has a path info; an exact mapping has none.
      String servletPath = servletPath(request);
      return request.getPathInfo() != null ? servletPath + "/*" : servletPath;
    }
    String pattern = mapping != null ? mapping.getPattern() : null;
    if (pattern == null || pattern.isEmpty()) {
      return "/"; // the context root mapping ("")
    }
    return pattern;
  }

  /** For a DispatcherServlet mapped to a prefix such as {@code /api/*}: the {@code /api} part. */
  private static String servletPrefix(HttpServletRequest request) {
    HttpServletMapping mapping = mapping(request);
    if (mapping != null && mapping.getPattern() != null && mapping.getPattern().endsWith("/*")) {
      return servletPath(request);
    }
    return "";
  }

  /** A wrapper may answer null, which must not become a route such as {@code "null/*"}. */
  private static String servletPath(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    return servletPath == null ? "" : servletPath;
  }
}
