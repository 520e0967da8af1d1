package dev.hourglass.it.traces;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * The javax twin of the sample app's slow and failing endpoints, on embedded Tomcat 9 with an
 * in-memory H2 database: {@code /checkout?dbMs=600&downstreamMs=300} (one statement pausing dbMs,
 * then a call of downstreamMs to {@code /slow} with {@link HttpURLConnection}), {@code /n-plus-one} (1 + 12 SELECTs), and {@code
 * /errors/orders} and {@code /errors/invoices} throwing from {@code parse} or {@code save}. Prints
 * {@code Javax traces app listening on http://127.0.0.1:<port>} when ready.
 */
public final class JavaxTracesApp {
  static final String READY = "Javax traces app listening on (\\S+)";
  static final String DATABASE = "jdbc:h2:mem:javax-traces;DB_CLOSE_DELAY=-1";
  static final int OWNERS = 12;

  private JavaxTracesApp() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]); // --port N
    try (Connection connection = DriverManager.getConnection(DATABASE);
        Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE ALIAS PAUSE FOR 'dev.hourglass.it.traces.JavaxTracesApp.pause'");
      ddl.execute("CREATE TABLE owners (id INT PRIMARY KEY)");
      ddl.execute("CREATE TABLE pets (id INT PRIMARY KEY, owner_id INT)");
      for (int i = 1; i <= OWNERS; i++) {
        ddl.execute("INSERT INTO owners VALUES (" + i + ")");
        ddl.execute("INSERT INTO pets VALUES (" + i + ", " + i + ")");
      }
    }
    File base = Files.createTempDirectory("javax-traces").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(port);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", base.getAbsolutePath());
    add(context, "slow", new Slow(), "/slow");
    add(context, "checkout", new Checkout(port), "/checkout");
    add(context, "nPlusOne", new NPlusOne(), "/n-plus-one");
    add(context, "orders", new OrderErrors(), "/errors/orders");
    add(context, "invoices", new OrderErrors(), "/errors/invoices");
    tomcat.start();
    System.out.println("Javax traces app listening on http://127.0.0.1:" + port);
    System.out.flush();
    tomcat.getServer().await();
  }

  /** {@code PAUSE(ms)} in H2. */
  public static int pause(int millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  private static void add(Context context, String name, HttpServlet servlet, String pattern) {
    Tomcat.addServlet(context, name, servlet);
    context.addServletMappingDecoded(pattern, name);
  }

  static final class Slow extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws ServletException {
      try {
        Thread.sleep(Long.parseLong(request.getParameter("ms")));
      } catch (InterruptedException e) {
        throw new ServletException(e);
      }
    }
  }

  static final class Checkout extends HttpServlet {
    private final int port;

    Checkout(int port) {
      this.port = port;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      String dbMs = request.getParameter("dbMs");
      String downstreamMs = request.getParameter("downstreamMs");
      try (Connection connection = DriverManager.getConnection(DATABASE);
          PreparedStatement pause = connection.prepareStatement("SELECT PAUSE(?)")) {
        pause.setInt(1, dbMs == null ? 600 : Integer.parseInt(dbMs));
        pause.executeQuery().close();
      } catch (SQLException e) {
        throw new ServletException(e);
      }
      HttpURLConnection call =
          (HttpURLConnection)
              new URL("http://127.0.0.1:" + port + "/slow?ms=" + (downstreamMs == null ? "300" : downstreamMs))
                  .openConnection();
      int status = call.getResponseCode();
      try (InputStream body = call.getInputStream()) {
        body.transferTo(OutputStream.nullOutputStream());
      }
      response.getWriter().print("downstream " + status);
    }
  }

  static final class NPlusOne extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      int pets = 0;
      try (Connection connection = DriverManager.getConnection(DATABASE);
          Statement owners = connection.createStatement();
          ResultSet ids = owners.executeQuery("SELECT id FROM owners ORDER BY id");
          PreparedStatement petsOf =
              connection.prepareStatement("SELECT id FROM pets WHERE owner_id = ?")) {
        while (ids.next()) {
          petsOf.setInt(1, ids.getInt(1));
          try (ResultSet rows = petsOf.executeQuery()) {
            while (rows.next()) {
              pets++;
            }
          }
        }
      } catch (SQLException e) {
        throw new ServletException(e);
      }
      response.getWriter().print(pets + " pets");
    }
  }

  static final class OrderErrors extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      String id = request.getParameter("id");
      if ("save".equals(request.getParameter("in"))) {
        save(id);
      } else {
        parse(id);
      }
    }

    private static void parse(String id) {
      throw new IllegalStateException("cannot parse order " + id);
    }

    private static void save(String id) {
      throw new IllegalStateException("cannot save order " + id);
    }
  }
}
