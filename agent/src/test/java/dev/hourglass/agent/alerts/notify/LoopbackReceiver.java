package dev.hourglass.agent.alerts.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A webhook receiver on the loopback interface that answers 204, answers 500, or never answers. */
final class LoopbackReceiver implements AutoCloseable {
  enum Behaviour {
    ACCEPT,
    FAIL,
    HANG
  }

  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);

  LoopbackReceiver(Behaviour behaviour) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/hook",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          if (behaviour == Behaviour.HANG) {
            try {
              released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(behaviour == Behaviour.FAIL ? 500 : 204, -1);
          exchange.close();
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  List<String> bodies() {
    return bodies;
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
