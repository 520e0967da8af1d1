package dev.hourglass.agent.jdbc.connections;

import java.util.Locale;

/**
 * The database a connection talks to, as exported: {@code db.system.name}, {@code server.address}
 * and {@code server.port} (empty when not applicable, e.g. an in-memory H2). Parsed from the JDBC
 * URL, of which nothing else is kept: URLs can carry user names and passwords.
 *
 * @param system the semantic-conventions name ({@code postgresql}, {@code h2database}...)
 * @param address host name or IP, or {@code ""}
 * @param port port as text (default port of the system when the URL names none), or {@code ""}
 */
public record DbEndpoint(String system, String address, String port) {
  public static final DbEndpoint UNKNOWN = new DbEndpoint("other_sql", "", "");

  /** MySQL and MariaDB read {@code "x"} as a string literal (unless ANSI_QUOTES is on). */
  public boolean doubleQuotesAreStrings() {
    return system.equals("mysql") || system.equals("mariadb");
  }

  public static DbEndpoint fromUrl(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return UNKNOWN;
    }
    String rest = url.substring(5);
    int colon = rest.indexOf(':');
    String subprotocol = (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
    String system = system(subprotocol);
    String defaultPort = defaultPort(system);
    String hostPort = system.equals("oracle.db") ? oracleHostPort(rest) : authority(rest);
    if (hostPort.isEmpty()) {
      return new DbEndpoint(system, "", "");
    }
    String host = hostPort;
    String port = defaultPort;
    int portColon = hostPort.startsWith("[") ? hostPort.indexOf("]:") + 1 : hostPort.lastIndexOf(':');
    if (portColon > 0) {
      host = hostPort.substring(0, portColon);
      port = hostPort.substring(portColon + 1);
    }
    return new DbEndpoint(system, host, digitsOnly(port) ? port : defaultPort);
  }

  private static String system(String subprotocol) {
    switch (subprotocol) {
      case "postgresql":
      case "pgsql":
        return "postgresql";
      case "mysql":
        return "mysql";
      case "mariadb":
        return "mariadb";
      case "h2":
        return "h2database";
      case "hsqldb":
        return "hsqldb";
      case "derby":
        return "derby";
      case "sqlite":
        return "sqlite";
      case "sqlserver":
      case "jtds":
        return "microsoft.sql_server";
      case "oracle":
        return "oracle.db";
      case "db2":
        return "ibm.db2";
      default:
        return "other_sql";
    }
  }

  private static String defaultPort(String system) {
    switch (system) {
      case "postgresql":
        return "5432";
      case "mysql":
      case "mariadb":
        return "3306";
      case "microsoft.sql_server":
        return "1433";
      case "oracle.db":
        return "1521";
      case "ibm.db2":
        return "50000";
      default:
        return "";
    }
  }

  /** {@code host:port} of {@code //[user[:password]@]host[:port][/,;?]...}: the first host only. */
  private static String authority(String rest) {
    int start = rest.indexOf("//");
    if (start < 0) {
      return "";
    }
    int end = start + 2;
    while (end < rest.length() && "/;?,".indexOf(rest.charAt(end)) < 0) {
      end++;
    }
    String authority = rest.substring(start + 2, end);
    return authority.substring(authority.lastIndexOf('@') + 1);
  }

  /** {@code oracle:thin:[user/password]@[//]host:port[:sid|/service]}. */
  private static String oracleHostPort(String rest) {
    int at = rest.indexOf('@');
    if (at < 0) {
      return "";
    }
    String target = rest.substring(at + 1);
    if (target.startsWith("//")) {
      target = target.substring(2);
    }
    if (target.startsWith("(")) {
      return ""; // a TNS descriptor: too rich to parse here
    }
    int first = target.indexOf(':');
    int end = first < 0 ? -1 : target.indexOf(':', first + 1);
    int slash = target.indexOf('/');
    if (slash >= 0 && (end < 0 || slash < end)) {
      end = slash;
    }
    return end < 0 ? target : target.substring(0, end);
  }

  private static boolean digitsOnly(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
