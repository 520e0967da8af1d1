package dev.hourglass.it.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.http.HttpHost;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * An application whose outgoing calls go wrong in ways of its own making: unresolvable hosts, a URL
 * without a host, its own {@code HttpRequest} and {@code HttpGet} subclasses whose URI getter
 * throws, OkHttp interceptors that throw. It calls a loopback server it starts itself. Each
 * scenario prints {@code outcome <scenario>: <what the application got>} per round, {@value
 * #ROUNDS} rounds; the same lines must come out with and without the agent.
 *
 * <p>Starts when the file named by its first argument exists, then exits 0.
 */
public final class HostileClientsApp {
  static final int ROUNDS = 3;
  /** Outcome lines per round. */
  static final int SCENARIOS = 10;
  static final String NOWHERE = "no-such-host.invalid";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private HostileClientsApp() {}

  public static void main(String[] args) throws Exception {
    StartSignal.await(args[0]);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    int port = server.getAddress().getPort();
    String pong = "http://127.0.0.1:" + port + "/ping";
    HttpClient jdk = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    OkHttpClient okHttp = new OkHttpClient.Builder().callTimeout(TIMEOUT).build();
    try (CloseableHttpClient apache = HttpClients.createDefault()) {
      for (int round = 0; round < ROUNDS; round++) {
        URI nowhere = URI.create("http://" + NOWHERE + "/");
        Outcome.print("jdk, unresolvable host", () -> jdkGet(jdk, nowhere));
        Outcome.print("jdk, request whose uri() throws", () -> jdkSend(jdk, new UnaddressedRequest()));
        Outcome.print("urlconnection, unresolvable host", () -> urlGet(nowhere.toURL()));
        Outcome.print(
            "urlconnection, URL without host", () -> urlGet(new URL("http", "", port, "/ping")));
        Outcome.print(
            "okhttp, interceptor throws IOException",
            () -> okHttpGet(okHttp, pong, new IOException("the interceptor's own I/O failure")));
        Outcome.print(
            "okhttp, interceptor throws IllegalStateException",
            () -> okHttpGet(okHttp, pong, new IllegalStateException("the interceptor's own bug")));
        Outcome.print(
            "okhttp async, interceptor throws IOException",
            () ->
                okHttpEnqueue(okHttp, pong, new IOException("the interceptor's own I/O failure")));
        Outcome.print(
            "apache4, getURI() throws",
            () -> apacheGet(apache, new HttpHost("127.0.0.1", port), new UnaddressedGet(pong)));
        Outcome.print(
            "apache4, no target and getURI() throws",
            () -> apacheGet(apache, null, new UnaddressedGet(pong)));
        Outcome.print("jdk, healthy", () -> jdkGet(jdk, URI.create(pong)));
      }
    }
    server.stop(0);
    System.out.println("hostile clients app done");
    System.exit(0); // the agent's shutdown hook exports the last interval
  }

  private static String jdkGet(HttpClient client, URI uri) throws Exception {
    return jdkSend(client, HttpRequest.newBuilder(uri).timeout(TIMEOUT).build());
  }

  private static String jdkSend(HttpClient client, HttpRequest request) throws Exception {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static String urlGet(URL url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    connection.setConnectTimeout((int) TIMEOUT.toMillis());
    connection.setReadTimeout((int) TIMEOUT.toMillis());
    int status = connection.getResponseCode();
    byte[] body = connection.getInputStream().readAllBytes();
    return status + " " + new String(body, StandardCharsets.UTF_8);
  }

  private static String okHttpGet(OkHttpClient client, String url, Exception thrown)
      throws IOException {
    Call call = throwing(client, thrown).newCall(new Request.Builder().url(url).build());
    try (Response response = call.execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  private static String okHttpEnqueue(OkHttpClient client, String url, Exception thrown)
      throws Exception {
    CompletableFuture<String> answer = new CompletableFuture<>();
    throwing(client, thrown)
        .newCall(new Request.Builder().url(url).build())
        .enqueue(
            new Callback() {
              @Override
              public void onResponse(Call call, Response response) {
                response.close();
                answer.complete("response " + response.code());
              }

              @Override
              public void onFailure(Call call, IOException failure) {
                answer.complete(
                    "failure " + failure.getClass().getName() + ": " + failure.getMessage());
              }
            });
    return answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** A client whose application interceptor throws {@code thrown} before the call goes out. */
  private static OkHttpClient throwing(OkHttpClient client, Exception thrown) {
    Interceptor interceptor =
        chain -> {
          if (thrown instanceof IOException io) {
            throw io;
          }
          throw (RuntimeException) thrown;
        };
    return client.newBuilder().addInterceptor(interceptor).build();
  }

  private static String apacheGet(CloseableHttpClient client, HttpHost target, HttpGet request)
      throws IOException {
    try (var response = client.execute(target, request)) {
      return response.getStatusLine().getStatusCode() + "";
    }
  }

  /** A request a framework builds before it knows where it goes: asking for its URI is a bug. */
  static final class UnaddressedRequest extends HttpRequest {
    @Override
    public Optional<BodyPublisher> bodyPublisher() {
      return Optional.empty();
    }

    @Override
    public String method() {
      return "GET";
    }

    @Override
    public Optional<Duration> timeout() {
      return Optional.of(TIMEOUT);
    }

    @Override
    public boolean expectContinue() {
      return false;
    }

    @Override
    public URI uri() {
      throw new IllegalStateException("the request has no URI yet");
    }

    @Override
    public Optional<HttpClient.Version> version() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return HttpHeaders.of(Map.of(), (name, value) -> true);
    }
  }

  /** The Apache HttpClient 4 twin of {@link UnaddressedRequest}. */
  static final class UnaddressedGet extends HttpGet {
    UnaddressedGet(String uri) {
      super(uri);
    }

    @Override
    public URI getURI() {
      throw new IllegalStateException("the request has no URI yet");
    }
  }
}
