package dev.hourglass.it.servlet;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.AsyncContext;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A javax.servlet (4.0) application on embedded Tomcat 9 for the agent to measure: a filter in
 * front of everything (filters must not double count), a servlet that forwards to another (one
 * request, one measurement, under the route that was called), an async servlet, a failing one.
 * Prints {@code Javax app listening on http://127.0.0.1:<port>} when ready.
 */
public final class JavaxTestApp {
  private JavaxTestApp() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]); // --port N
    File base = Files.createTempDirectory("javax-app").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(port);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", base.getAbsolutePath());

    FilterDef filter = new FilterDef();
    filter.setFilterName("passThrough");
    filter.setFilter(new PassThroughFilter());
    filter.setAsyncSupported("true");
    context.addFilterDef(filter);
    FilterMap everything = new FilterMap();
    everything.setFilterName("passThrough");
    everything.addURLPattern("/*");
    context.addFilterMap(everything);

    add(context, "items", new ItemServlet(), "/items/*");
    add(context, "forward", new ForwardServlet(), "/forward");
    add(context, "async", new AsyncServlet(), "/async");
    add(context, "boom", new BoomServlet(), "/boom");
    tomcat.start();
    System.out.println("Javax app listening on http://127.0.0.1:" + port);
    System.out.flush();
    tomcat.getServer().await();
  }

  private static void add(Context context, String name, HttpServlet servlet, String pattern) {
    Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
    wrapper.setAsyncSupported(true);
    context.addServletMappingDecoded(pattern, name);
  }

  static final class PassThroughFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      chain.doFilter(request, response);
    }
  }

  static final class ItemServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain");
      response.getWriter().print("item " + request.getPathInfo());
    }
  }

  static final class ForwardServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      request.getRequestDispatcher("/items/forwarded").forward(request, response);
    }
  }

  static final class AsyncServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      AsyncContext async = request.startAsync();
      async.start(
          () -> {
            try {
              Thread.sleep(50);
              ((HttpServletResponse) async.getResponse()).setStatus(202);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            async.complete();
          });
    }
  }

  static final class BoomServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      throw new UnsupportedOperationException("boom");
    }
  }
}
