package dev.hourglass.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards loopback TCP connections to a target port, and while severing is on, kills every connection that
 * carries client bytes instead of forwarding them; while garbling is on, answers them with bytes that are not
 * HTTP/2 and then closes them.
 *
 * <p>It exists for {@link FaultMode#CLOSE_CONNECTION} and {@link FaultMode#GARBAGE} over gRPC: a gRPC server can
 * fail a call but offers no way to drop the TCP connection under it or to speak anything but HTTP/2, which is
 * what a crashed collector, or something else listening on its port, does to an exporter.
 */
final class SeveringTcpProxy implements AutoCloseable {

  // Eight bytes of text where an HTTP/2 peer expects a SETTINGS frame: a protocol error to any client.
  private static final byte[] NOT_HTTP2 = "garbage\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket listener;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean severing;
  private volatile boolean garbling;

  private SeveringTcpProxy(ServerSocket listener, int targetPort) {
    this.listener = listener;
    this.targetPort = targetPort;
  }

  static SeveringTcpProxy start(int targetPort) throws IOException {
    SeveringTcpProxy proxy =
        new SeveringTcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
    daemon("otlp-proxy-accept", proxy::acceptLoop).start();
    return proxy;
  }

  int port() {
    return listener.getLocalPort();
  }

  void severing(boolean on) {
    severing = on;
  }

  void garbling(boolean on) {
    garbling = on;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        daemon("otlp-proxy-up", () -> pump(client, upstream, true)).start();
        daemon("otlp-proxy-down", () -> pump(upstream, client, false)).start();
      } catch (IOException e) {
        // Either close() shut the listener, which ends the loop, or one connection failed to open.
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (fromClient && severing) {
          reset(from);
          break;
        }
        if (fromClient && garbling) {
          from.getOutputStream().write(NOT_HTTP2);
          break;
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // The other direction closed the pair, or a peer went away; either way this connection is over.
    } finally {
      close(from);
      close(to);
    }
  }

  /** Linger 0 makes close() send RST, the abrupt end a client sees when a server process dies. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // Already closed: nothing left to reset.
    }
  }

  private void close(Socket socket) {
    sockets.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort; the socket is unusable either way.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    sockets.forEach(this::close);
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
