package dev.hourglass.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds loopback ports for servers that cannot bind port 0 and report back which port they got. */
public final class Ports {

  private Ports() {}

  /**
   * Returns a TCP port on 127.0.0.1 that was free a moment ago. Another process may still take it before the
   * caller binds it, so prefer binding port 0 directly wherever the server allows it; this is for servers that
   * need the number up front (PostgreSQL, a child JVM's HTTP port).
   */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
