package dev.hourglass.it.reliability;

import dev.hourglass.it.harness.LoopbackJetty;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * A Jetty 12 application that produces application input by the hundred thousand on request, for
 * cardinality storms against the JDBC and HTTP-client families. Prints {@code Storm app listening
 * on http://127.0.0.1:<port>}. Every endpoint answers what it did as plain text.
 *
 * <ul>
 *   <li>{@code /sql?kind=literals|shapes|failures&from=F&count=N}: runs N plain statements on an
 *       in-memory H2 database: {@code literals} differ only in a literal ({@link #literal}, one
 *       shape), {@code shapes} each have their own column alias ({@link #shape}, N shapes), {@code
 *       failures} are each rejected with a message of its own ({@link #failure}, one shape). The
 *       first call creates the table: 2 statements more, and the answer says so.
 *   <li>{@code /hosts?from=F&count=N&port=P}: N {@code HttpURLConnection} GETs, the i-th to {@code
 *       127.x.y.z:P} ({@link #host}), a distinct loopback address each; nothing listens on P, so each
 *       call fails with a refused connection, which is still an outgoing call.
 *   <li>{@code /heap}: the used heap in bytes after full collections, as {@code MemoryMXBean}
 *       sees it.
 * </ul>
 */
public final class StormApp {
  static final String READY = "Storm app listening on (\\S+)";

  private StormApp() {}

  public static void main(String[] args) throws Exception {
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new SqlStorm()), "/sql");
    context.addServlet(new ServletHolder(new HostStorm()), "/hosts");
    context.addServlet(new ServletHolder(new UsedHeap()), "/heap");
    LoopbackJetty.serve("Storm app", Integer.parseInt(args[1]), context); // --port N
  }

  /** The i-th statement of the literals storm, of shape {@code SELECT id FROM storm WHERE id = ?}. */
  static String literal(int i) {
    return "SELECT id FROM storm WHERE id = " + i;
  }

  /** The i-th statement of the shapes storm, a shape of its own. */
  static String shape(int i) {
    return "SELECT id AS c" + i + " FROM storm WHERE id = 1";
  }

  /**
   * The i-th failing statement: its unterminated quote is a syntax error whose message quotes the
   * text, so every message differs; the sanitizer hides everything after the quote: one shape.
   */
  static String failure(int i) {
    return "SELECT id FROM storm WHERE id = 'f" + i;
  }

  /** The i-th host: distinct for i below 2^24, all on the loopback network 127.0.0.0/8. */
  static String host(int i) {
    return "127." + (1 + (i >>> 16)) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
  }

  private static int parameter(ServletRequest request, String name) {
    return Integer.parseInt(request.getParameter(name));
  }

  static final class SqlStorm extends GenericServlet {
    private Connection connection; // guarded by this servlet's monitor: one storm at a time

    @Override
    public synchronized void service(ServletRequest request, ServletResponse response)
        throws IOException {
      int from = parameter(request, "from");
      int count = parameter(request, "count");
      boolean literals = "literals".equals(request.getParameter("kind"));
      boolean failures = "failures".equals(request.getParameter("kind"));
      int executed = 0;
      try {
        if (connection == null) {
          connection = DriverManager.getConnection("jdbc:h2:mem:storm;DB_CLOSE_DELAY=-1", "sa", "");
          try (Statement setup = connection.createStatement()) {
            setup.execute("CREATE TABLE storm (id INT PRIMARY KEY)");
            setup.executeUpdate("INSERT INTO storm VALUES (1)");
          }
          executed += 2;
        }
        try (Statement statement = connection.createStatement()) {
          for (int i = from; i < from + count; i++) {
            if (failures) {
              try {
                statement.executeQuery(failure(i));
              } catch (SQLException expected) {
                executed++;
              }
              continue;
            }
            try (ResultSet ignored = statement.executeQuery(literals ? literal(i) : shape(i))) {
              executed++;
            }
          }
        }
      } catch (SQLException e) {
        throw new IOException(e);
      }
      response.getWriter().print("executed " + executed);
    }
  }

  static final class HostStorm extends GenericServlet {
    @Override
    public void service(ServletRequest request, ServletResponse response) throws IOException {
      int from = parameter(request, "from");
      int count = parameter(request, "count");
      int port = parameter(request, "port");
      int refused = 0;
      for (int i = from; i < from + count; i++) {
        URI target = URI.create("http://" + host(i) + ":" + port + "/");
        HttpURLConnection call = (HttpURLConnection) target.toURL().openConnection();
        call.setConnectTimeout(2000);
        try {
          call.getResponseCode();
        } catch (IOException expected) {
          refused++;
        }
      }
      response.getWriter().print("refused " + refused);
    }
  }

  static final class UsedHeap extends GenericServlet {
    @Override
    public void service(ServletRequest request, ServletResponse response) throws IOException {
      long used = Long.MAX_VALUE;
      // A few rounds: one full collection may leave garbage (finalizable, reference-queued) that
      // the next frees.
      for (int i = 0; i < 4; i++) {
        System.gc();
        used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      }
      response.getWriter().print(used);
    }
  }
}
