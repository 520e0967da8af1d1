package dev.hourglass.it.agent;

import dev.hourglass.it.harness.LoopbackJetty;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Answers {@code /first-pool-thread} with the name the JDK gives the first thread of a default
 * thread pool created now ({@code pool-1-thread-1} in a JVM that made none before). Ask it once.
 */
public final class PoolNumberingApp {
  static final String READY = "Pool numbering app listening on (\\S+)";

  private PoolNumberingApp() {}

  public static void main(String[] args) throws Exception {
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new FirstPoolThread()), "/first-pool-thread");
    LoopbackJetty.serve("Pool numbering app", Integer.parseInt(args[1]), context); // --port N
  }

  static final class FirstPoolThread extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.getWriter().print(Executors.defaultThreadFactory().newThread(() -> {}).getName());
    }
  }
}
