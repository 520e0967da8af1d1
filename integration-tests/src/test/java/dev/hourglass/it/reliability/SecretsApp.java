package dev.hourglass.it.reliability;

import dev.hourglass.it.harness.LoopbackJetty;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * A Jetty 12 application that receives secrets the way real applications do and passes them on
 * the way real applications do: into SQL literals (H2, and PostgreSQL when {@code
 * -Dsecrets.postgres.url} is set) and into outgoing HTTP calls. Secrets come from {@link
 * SecretsIT}; the application itself never prints one, so any secret in the process's output was
 * written by the agent. Prints {@code Secrets app listening on http://127.0.0.1:<port>}.
 *
 * <ul>
 *   <li>{@code /items/*}: answers {@code ok}, reading nothing (secrets arrive in its path, query,
 *       headers, cookies and body).
 *   <li>{@code /sql}: runs steps of statements with literal secrets in each database ({@link
 *       #COMMON_STEPS}, and {@link #POSTGRES_STEPS} more in PostgreSQL); answers {@code
 *       executed=N failed=M}, counting steps.
 *   <li>{@code /call}: calls {@code /downstream} of this app with secrets in the URL's query,
 *       userinfo and fragment and in request headers, through {@code java.net.http.HttpClient}
 *       and {@code HttpURLConnection}, and once a refused port; answers the statuses.
 *   <li>{@code /downstream}: answers 200 with a nearly exhausted rate limit (97 of 100 used).
 *   <li>{@code /fail?order=}: throws an exception whose message quotes the parameter (Jetty's own
 *       log is off, so only the agent could print it).
 * </ul>
 */
public final class SecretsApp {
  static final String READY = "Secrets app listening on (\\S+)";
  // Underscores, not hyphens: a tokenizer that leaks splits "a-b" into a - b, hiding it from a scan.
  static final String SQL_STRING = "sq_s3cret_5101";
  static final String SQL_NUMBER = "93176284051";
  static final String SQL_IN = "si_s3cret_2277";
  static final String SQL_COMMENT = "sc_s3cret_6604";
  static final String SQL_BIND = "sb_s3cret_3148";
  static final String SQL_HEX = "DEADBEEF7319";
  static final String SQL_BATCH = "sh_s3cret_8830";
  static final String SQL_PASSWORD = "su_s3cret_4492";
  static final String SQL_ERROR = "sx_s3cret_1907";
  static final String SQL_ESCAPED = "se_s3cret_7725";
  static final String SQL_DOLLAR = "sd_s3cret_0316";
  static final String SQL_WINDOWS_PATH = "sp_s3cret_5560";
  static final String OUT_QUERY = "oq-s3cret-2093";
  static final String OUT_USERINFO = "ou-s3cret-7148";
  static final String OUT_FRAGMENT = "of-s3cret-3357";
  static final String OUT_HEADER = "oh-s3cret-9914";
  static final List<String> SQL_SECRETS =
      List.of(SQL_STRING, SQL_NUMBER, SQL_IN, SQL_COMMENT, SQL_BIND, SQL_HEX, SQL_BATCH,
          SQL_PASSWORD, SQL_ERROR);
  static final List<String> POSTGRES_SECRETS = List.of(SQL_ESCAPED, SQL_DOLLAR, SQL_WINDOWS_PATH);
  static final List<String> OUTGOING_SECRETS =
      List.of(OUT_QUERY, OUT_USERINFO, OUT_FRAGMENT, OUT_HEADER);
  /** Steps per database and request, and of those the ones the database rejects. */
  static final int COMMON_STEPS = 9;
  static final int COMMON_FAILURES = 1;
  static final int POSTGRES_STEPS = 4;
  static final int POSTGRES_FAILURES = 1;
  /** The SELECT repeated in one request, so that it is also an N+1 finding. */
  static final int REPEATED_SELECTS = 3;

  private SecretsApp() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]); // --port N
    List<String> databases = new ArrayList<>(List.of(System.getProperty("secrets.h2.url")));
    String postgres = System.getProperty("secrets.postgres.url");
    if (postgres != null) {
      databases.add(postgres);
    }
    for (String url : databases) {
      createSchema(url);
    }
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new Ok()), "/items/*");
    context.addServlet(new ServletHolder(new Sql(databases)), "/sql");
    context.addServlet(new ServletHolder(new Calls(port)), "/call");
    context.addServlet(new ServletHolder(new RateLimited()), "/downstream");
    context.addServlet(new ServletHolder(new Fail()), "/fail");
    LoopbackJetty.serve("Secrets app", port, context);
  }

  /** Test code runs it in H2 as {@code PAUSE(ms)}, so a statement with secrets is a slow query. */
  public static int pause(int millis) throws InterruptedException {
    Thread.sleep(millis);
    return 0;
  }

  private static void createSchema(String url) throws SQLException {
    String binary = url.startsWith("jdbc:postgresql:") ? "BYTEA" : "VARBINARY(16)";
    try (Connection connection = DriverManager.getConnection(url);
        Statement ddl = connection.createStatement()) {
      ddl.execute(
          "CREATE TABLE owners (id INT, name VARCHAR(100), password VARCHAR(100), card BIGINT,"
              + " path VARCHAR(100), token VARCHAR(100), data " + binary + ")");
      if (url.startsWith("jdbc:h2:")) {
        ddl.execute("CREATE ALIAS PAUSE FOR 'dev.hourglass.it.reliability.SecretsApp.pause'");
      }
    }
  }

  static final class Fail extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      throw new IllegalStateException("order " + request.getParameter("order") + " failed");
    }
  }

  static final class Ok extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("text/plain");
      response.getWriter().print("ok");
    }
  }

  /** Each statement on its own, so one failure does not hide the others. */
  static final class Sql extends HttpServlet {
    private final List<String> databases;

    Sql(List<String> databases) {
      this.databases = databases;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      int executed = 0;
      int failed = 0;
      for (String url : databases) {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        try (Connection connection = DriverManager.getConnection(url)) {
          List<SqlStep> steps = new ArrayList<>(commonSql(postgres));
          if (postgres) {
            steps.addAll(postgresSql());
          }
          for (SqlStep step : steps) {
            try {
              step.run(connection);
              executed++;
            } catch (SQLException expected) {
              failed++; // never printed: its message may quote the literal
            }
          }
        } catch (SQLException e) {
          response.sendError(500, "no connection to " + (postgres ? "PostgreSQL" : "H2"));
          return;
        }
      }
      response.setContentType("text/plain");
      response.getWriter().print("executed=" + executed + " failed=" + failed);
    }
  }

  private interface SqlStep {
    void run(Connection connection) throws SQLException;
  }

  private static List<SqlStep> commonSql(boolean postgres) {
    String pause = postgres ? "pg_sleep(0.005)" : "PAUSE(5)";
    String hex = postgres ? "'\\x" + SQL_HEX + "'::bytea" : "X'" + SQL_HEX + "'";
    return List.of(
        connection -> repeat(connection, REPEATED_SELECTS,
            "SELECT name FROM owners WHERE password = '" + SQL_STRING + "'"),
        connection -> plain(connection,
            "SELECT id FROM owners /* " + SQL_COMMENT + " */ WHERE card = " + SQL_NUMBER
                + " OR name IN ('" + SQL_IN + "', '" + SQL_IN + "-2', '" + SQL_IN + "-3')"
                + " -- " + SQL_COMMENT + "\n"),
        connection -> plain(connection,
            "SELECT " + pause + ", id FROM owners WHERE token = '" + SQL_STRING + "'"),
        connection -> plain(connection, "UPDATE owners SET data = " + hex + " WHERE id = 7"),
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement("INSERT INTO owners (id, name) VALUES (?, ?)")) {
            insert.setInt(1, 1);
            insert.setString(2, SQL_BIND);
            insert.executeUpdate();
          }
        },
        connection -> {
          try (Statement batch = connection.createStatement()) {
            batch.addBatch("INSERT INTO owners (id, name) VALUES (2, '" + SQL_BATCH + "')");
            batch.addBatch("INSERT INTO owners (id, name) VALUES (3, '" + SQL_BATCH + "-2')");
            batch.executeBatch();
          }
        },
        connection -> plain(connection, postgres
            ? "DROP ROLE IF EXISTS secrets_user"
            : "DROP USER IF EXISTS secrets_user"),
        connection -> plain(connection, postgres
            ? "CREATE ROLE secrets_user LOGIN PASSWORD '" + SQL_PASSWORD + "'"
            : "CREATE USER secrets_user PASSWORD '" + SQL_PASSWORD + "'"),
        connection -> plain(connection, // fails: no such column; the message may quote it
            "SELECT no_such_column FROM owners WHERE name = '" + SQL_ERROR + "'"));
  }

  /** What only PostgreSQL's lexer accepts: E'' escapes, dollar quotes, 'C:\' standard strings. */
  private static List<SqlStep> postgresSql() {
    return List.of(
        connection -> plain(connection, "SELECT E'\\'" + SQL_ESCAPED + "\\''"),
        connection -> plain(connection,
            "SELECT $$" + SQL_DOLLAR + "$$, $tag$ it's " + SQL_DOLLAR + " $tag$"),
        connection -> plain(connection,
            "SELECT count(*) FROM owners WHERE path = 'C:\\' OR token = '" + SQL_WINDOWS_PATH + "'"),
        connection -> plain(connection, // fails: the error message quotes the literal
            "SELECT '" + SQL_ERROR + "'::int"));
  }

  private static void plain(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void repeat(Connection connection, int times, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (int i = 0; i < times; i++) {
        statement.execute(sql);
      }
    }
  }

  static final class Calls extends HttpServlet {
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();

    Calls(int port) {
      this.port = port;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String target =
          "http://caller:" + OUT_USERINFO + "@127.0.0.1:" + port + "/downstream?api_key="
              + OUT_QUERY + "&page=2#" + OUT_FRAGMENT;
      List<String> statuses = new ArrayList<>();
      statuses.add(String.valueOf(jdkClient(target)));
      statuses.add(String.valueOf(urlConnection(target)));
      statuses.add(refused());
      response.setContentType("text/plain");
      response.getWriter().print(String.join(",", statuses));
    }

    private int jdkClient(String target) throws IOException {
      HttpRequest call =
          HttpRequest.newBuilder(URI.create(target))
              .header("Authorization", "Bearer " + OUT_HEADER)
              .header("X-Api-Key", OUT_HEADER)
              .build();
      try {
        return client.send(call, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    private static int urlConnection(String target) throws IOException {
      HttpURLConnection connection = (HttpURLConnection) new URL(target).openConnection();
      connection.setRequestProperty("Authorization", "Bearer " + OUT_HEADER);
      connection.setRequestProperty("Cookie", "session=" + OUT_HEADER);
      int status = connection.getResponseCode();
      connection.getInputStream().close();
      return status;
    }

    /** Port 1 refuses: the call fails with the secret still in its URL. */
    private static String refused() throws IOException {
      HttpURLConnection connection =
          (HttpURLConnection)
              new URL("http://127.0.0.1:1/login?password=" + OUT_QUERY).openConnection();
      connection.setConnectTimeout(2_000);
      try {
        return String.valueOf(connection.getResponseCode());
      } catch (IOException expected) {
        return "refused";
      }
    }
  }

  static final class RateLimited extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setHeader("X-RateLimit-Limit", "100");
      response.setHeader("X-RateLimit-Remaining", "3");
      response.setContentType("text/plain");
      response.getWriter().print("downstream");
    }
  }
}
