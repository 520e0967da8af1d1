package dev.hourglass.it.harness;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 on 127.0.0.1, for the test applications that run in child JVMs. */
public final class LoopbackJetty {
  private LoopbackJetty() {}

  /**
   * Serves {@code context} on 127.0.0.1:{@code port}, prints {@code <name> listening on
   * http://127.0.0.1:<port>} (the ready line tests wait for) and blocks until the server stops.
   */
  public static void serve(String name, int port, ServletContextHandler context) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    System.out.println(name + " listening on http://127.0.0.1:" + connector.getLocalPort());
    System.out.flush();
    server.join();
  }
}
