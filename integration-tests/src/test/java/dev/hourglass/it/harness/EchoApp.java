package dev.hourglass.it.harness;

/**
 * A trivial application for the {@link ChildJvm} self-tests: prints what it was started with, then acts out the
 * mode named by its first argument.
 *
 * <ul>
 *   <li>{@code wait} (default): says "ready" and sleeps until terminated; a shutdown hook says it ran.
 *   <li>{@code exit N}: exits with status N.
 *   <li>{@code stubborn}: like wait, but its shutdown hook never finishes, so SIGTERM alone cannot end it.
 * </ul>
 */
public final class EchoApp {

  public static void main(String[] args) throws InterruptedException {
    String mode = args.length > 0 ? args[0] : "wait";
    System.out.println("java.home=" + System.getProperty("java.home"));
    System.out.println("java.specification.version=" + System.getProperty("java.specification.version"));
    System.out.println("property echo.value=" + System.getProperty("echo.value"));
    System.out.println("property hourglass.history.dir=" + System.getProperty("hourglass.history.dir"));
    System.out.println("env ECHO_ENV=" + System.getenv("ECHO_ENV"));
    System.out.println("args=" + String.join(",", args));
    System.err.println("this line went to stderr");

    switch (mode) {
      case "exit" -> System.exit(Integer.parseInt(args[1]));
      case "stubborn" -> Runtime.getRuntime().addShutdownHook(new Thread(EchoApp::sleepForever));
      default -> Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    }
    System.out.println("ready");
    sleepForever();
  }

  private static void sleepForever() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
