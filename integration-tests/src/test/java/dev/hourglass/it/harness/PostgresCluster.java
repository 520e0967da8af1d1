package dev.hourglass.it.harness;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 server: a fresh cluster in a temporary directory, listening on a free port on
 * 127.0.0.1 with trust authentication and one database. {@link #close()} stops it and deletes the directory.
 *
 * <p>PostgreSQL refuses to run as root, so when the tests run as root every server command runs as the
 * {@code postgres} OS user through {@code runuser}, and the directory is handed to that user.
 *
 * <p>Binaries come from system property {@code postgres.bin}, default {@value #DEFAULT_BIN}. When they are missing
 * this fails rather than skips: a database test that silently does not run proves nothing.
 */
public final class PostgresCluster implements AutoCloseable {

  public static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
  public static final String DEFAULT_DATABASE = "hourglass";
  /** Superuser created by initdb; with trust authentication it needs no password. */
  public static final String USER = "postgres";

  private static final String OS_USER = "postgres";
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
  private static final int START_WAIT_SECONDS = 60;
  private static final int START_ATTEMPTS = 3;

  private final Path bin;
  private final Path directory;
  private final List<String> runAs;
  private final String database;
  private int port;
  private boolean running;

  private PostgresCluster(Path bin, Path directory, List<String> runAs, String database) {
    this.bin = bin;
    this.directory = directory;
    this.runAs = runAs;
    this.database = database;
  }

  /** Starts a server with database {@value #DEFAULT_DATABASE}. */
  public static PostgresCluster start() {
    return start(DEFAULT_DATABASE);
  }

  public static PostgresCluster start(String database) {
    Path bin = requireBinaries();
    boolean root = new UnixSystem().getUid() == 0;
    PostgresCluster cluster = new PostgresCluster(bin, createDirectory(root), runAsPrefix(root), database);
    LastResortCleanup.register(cluster);
    try {
      cluster.initdb();
      cluster.startServer();
      cluster.createDatabase();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String user() {
    return USER;
  }

  public String database() {
    return database;
  }

  public int port() {
    return port;
  }

  /** Holds the data directory, the server log and the Unix socket. */
  public Path directory() {
    return directory;
  }

  public Path serverLog() {
    return directory.resolve("server.log");
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, "");
  }

  /** The postmaster's process id, from its pid file; empty when the server is not running. */
  public OptionalLong serverPid() {
    Path pidFile = dataDirectory().resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return OptionalLong.empty();
      }
      // First line of postmaster.pid is the pid.
      return OptionalLong.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server (fast shutdown: open sessions are rolled back) and deletes its directory. */
  @Override
  public void close() {
    try {
      OptionalLong pid = serverPid();
      if (running || pid.isPresent()) {
        stopServer(pid);
      }
    } finally {
      running = false;
      TemporaryFolders.delete(directory);
      LastResortCleanup.unregister(this);
    }
  }

  private void initdb() {
    ShortCommand.run(command("initdb",
        "-D", dataDirectory().toString(),
        "-A", "trust",
        "-U", USER,
        "-E", "UTF8",
        "--locale=C",
        // A cluster that lives for one test needs no fsync at creation.
        "--no-sync"), directory, INITDB_TIMEOUT);
  }

  /** Retries on another port when the chosen one was taken between {@link Ports#free()} and the bind. */
  private void startServer() {
    IllegalStateException lastFailure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      port = Ports.free();
      try {
        ShortCommand.run(command("pg_ctl",
            "-D", dataDirectory().toString(),
            "-l", serverLog().toString(),
            "-w", "-t", Integer.toString(START_WAIT_SECONDS),
            "-o", serverOptions(),
            "start"), directory, Duration.ofSeconds(START_WAIT_SECONDS + 10));
        running = true;
        return;
      } catch (IllegalStateException e) {
        lastFailure = new IllegalStateException(e.getMessage() + "\nserver log:\n" + readServerLog(), e);
        if (!readServerLog().contains("could not bind")) {
          break;
        }
      }
    }
    throw lastFailure;
  }

  /** pg_ctl hands this string to a shell, so it must stay free of spaces inside values. */
  private String serverOptions() {
    return String.join(" ",
        "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1",
        // The socket lives in our directory: the system socket directory may not exist or be writable.
        "-k", directory.toString(),
        // Durability is worthless for a throwaway cluster and costs time on a small CI machine.
        "-c", "fsync=off",
        "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off");
  }

  private void createDatabase() {
    String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    try (Connection connection = DriverManager.getConnection(adminUrl, USER, "");
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + database + " on " + adminUrl, e);
    }
  }

  private void stopServer(OptionalLong pid) {
    try {
      ShortCommand.run(command("pg_ctl",
          "-D", dataDirectory().toString(),
          "-m", "fast",
          "-w", "-t", "30",
          "stop"), directory, Duration.ofSeconds(40));
      // pg_ctl returns once the pid file is gone, which the postmaster removes just before it exits; wait for
      // the exit itself so that "closed" means no server process is left.
      if (pid.isPresent() && !ProcessStates.awaitExited(pid.getAsLong(), Duration.ofSeconds(10))) {
        throw new IllegalStateException("postmaster " + pid.getAsLong() + " still running after pg_ctl stop");
      }
    } catch (RuntimeException e) {
      // Never leave a postmaster behind: kill it, then still report that the clean stop failed.
      pid.stream().mapToObj(ProcessHandle::of).flatMap(Optional::stream).forEach(ProcessHandle::destroyForcibly);
      throw e;
    }
  }

  private Path dataDirectory() {
    return directory.resolve("data");
  }

  private String readServerLog() {
    try {
      return Files.exists(serverLog()) ? Files.readString(serverLog()) : "(no server log)";
    } catch (IOException e) {
      return "(server log unreadable: " + e + ")";
    }
  }

  private List<String> command(String program, String... args) {
    List<String> command = new ArrayList<>(runAs);
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    return command;
  }

  private static Path requireBinaries() {
    return requireBinaries(Path.of(System.getProperty("postgres.bin", DEFAULT_BIN)));
  }

  static Path requireBinaries(Path bin) {
    List<String> missing = Stream.of("initdb", "pg_ctl", "postgres")
        .filter(program -> !Files.isExecutable(bin.resolve(program)))
        .toList();
    if (!missing.isEmpty()) {
      String where = "true".equals(System.getenv("CI"))
          ? " CI=true: the CI script must install PostgreSQL 15 before the integration tests run."
          : "";
      throw new IllegalStateException("PostgreSQL server binaries " + missing + " not found in " + bin
          + ". Install them (Debian: apt-get install postgresql-15) or set system property postgres.bin."
          + where);
    }
    return bin;
  }

  private static List<String> runAsPrefix(boolean root) {
    return root ? List.of("runuser", "-u", OS_USER, "--") : List.of();
  }

  private static Path createDirectory(boolean root) {
    Path directory = TemporaryFolders.create("hourglass-pg-");
    if (!root) {
      return directory;
    }
    try {
      return Files.setOwner(directory, osUser());
    } catch (IOException e) {
      throw new UncheckedIOException("could not hand " + directory + " to OS user " + OS_USER, e);
    }
  }

  private static UserPrincipal osUser() throws IOException {
    try {
      return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
    } catch (UserPrincipalNotFoundException e) {
      throw new IllegalStateException("running as root, PostgreSQL must run as OS user '" + OS_USER
          + "', which does not exist (the postgresql-15 package creates it)", e);
    }
  }
}
