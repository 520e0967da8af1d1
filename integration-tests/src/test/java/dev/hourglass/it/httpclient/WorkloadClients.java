package dev.hourglass.it.httpclient;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;

/**
 * The clients the workload drives, each the way an application would use it, with a 3 s read
 * timeout. A call returns the status, or throws what the library threw (unwrapped from the
 * library's async plumbing, so the workload reports what the application would catch).
 */
final class WorkloadClients {
  static final int TIMEOUT_MILLIS = 3_000; // generous: the build machine is shared

  private WorkloadClients() {}

  /** One client library, called synchronously from the workload's thread. */
  interface Client {
    int call(String method, String url) throws Exception;
  }

  static Client named(String name) {
    return switch (name) {
      case "huc" -> WorkloadClients::urlConnection;
      case "jdk" -> jdk(false);
      case "jdk-async" -> jdk(true);
      case "apache4" -> apache4(HttpClients.custom().setDefaultRequestConfig(apache4Config()).build());
      case "apache4-delegating" -> apache4(new DelegatingHttpClient(
          HttpClients.custom().setDefaultRequestConfig(apache4Config()).build()));
      case "apache5" -> apache5();
      case "okhttp" -> okHttp(false);
      case "okhttp-async" -> okHttp(true);
      case "resttemplate-apache5" -> restTemplate(new RestTemplate(apache5Factory()));
      case "resttemplate-huc" -> restTemplate(new RestTemplate(hucFactory()));
      default -> throw new IllegalArgumentException("no client named " + name);
    };
  }

  private static int urlConnection(String method, String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    connection.setConnectTimeout(TIMEOUT_MILLIS);
    connection.setReadTimeout(TIMEOUT_MILLIS);
    connection.setRequestMethod(method);
    if (method.equals("POST")) {
      connection.setDoOutput(true);
      connection.getOutputStream().write('x');
    }
    int status = connection.getResponseCode();
    InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
    if (body != null) {
      body.readAllBytes();
    }
    return status;
  }

  private static Client jdk(boolean async) {
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS)).build();
    return (method, url) -> {
      java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
          .method(method, method.equals("POST")
              ? java.net.http.HttpRequest.BodyPublishers.ofString("x")
              : java.net.http.HttpRequest.BodyPublishers.noBody())
          .build();
      java.net.http.HttpResponse.BodyHandler<String> handler =
          java.net.http.HttpResponse.BodyHandlers.ofString();
      if (!async) {
        return client.send(request, handler).statusCode();
      }
      CompletableFuture<java.net.http.HttpResponse<String>> future = client.sendAsync(request, handler);
      try {
        return future.get().statusCode();
      } catch (ExecutionException e) {
        throw (Exception) e.getCause();
      }
    };
  }

  private static RequestConfig apache4Config() {
    return RequestConfig.custom()
        .setConnectTimeout(TIMEOUT_MILLIS)
        .setSocketTimeout(TIMEOUT_MILLIS)
        .build();
  }

  private static Client apache4(CloseableHttpClient client) {
    return (method, url) -> {
      RequestBuilder builder = RequestBuilder.create(method).setUri(url);
      if (method.equals("POST")) {
        builder.setEntity(new org.apache.http.entity.StringEntity("x"));
      }
      try (CloseableHttpResponse response = client.execute((HttpRequestBase) builder.build())) {
        org.apache.http.util.EntityUtils.consume(response.getEntity());
        return response.getStatusLine().getStatusCode();
      }
    };
  }

  private static org.apache.hc.client5.http.impl.classic.CloseableHttpClient apache5Client() {
    org.apache.hc.client5.http.config.ConnectionConfig connection =
        org.apache.hc.client5.http.config.ConnectionConfig.custom()
            .setConnectTimeout(Timeout.ofMilliseconds(TIMEOUT_MILLIS))
            .setSocketTimeout(Timeout.ofMilliseconds(TIMEOUT_MILLIS))
            .build();
    return HttpClientBuilder.create()
        .setConnectionManager(
            org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connection)
                .build())
        .disableAutomaticRetries()
        .build();
  }

  private static Client apache5() {
    org.apache.hc.client5.http.impl.classic.CloseableHttpClient client = apache5Client();
    return (method, url) -> {
      ClassicRequestBuilder builder = ClassicRequestBuilder.create(method).setUri(url);
      if (method.equals("POST")) {
        builder.setEntity("x");
      }
      ClassicHttpRequest request = builder.build();
      return client.execute(request, response -> {
        org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
        return response.getCode();
      });
    };
  }

  private static Client okHttp(boolean async) {
    OkHttpClient client = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
        .readTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
        .retryOnConnectionFailure(false)
        .build();
    return (method, url) -> {
      Request request = new Request.Builder()
          .url(url)
          .method(method, method.equals("POST") ? RequestBody.create(new byte[] {'x'}) : null)
          .build();
      if (!async) {
        try (Response response = client.newCall(request).execute()) {
          response.body().bytes();
          return response.code();
        }
      }
      CompletableFuture<Integer> result = new CompletableFuture<>();
      client.newCall(request).enqueue(new Callback() {
        @Override
        public void onResponse(Call call, Response response) {
          try (response) {
            result.complete(response.code());
          }
        }

        @Override
        public void onFailure(Call call, IOException failure) {
          result.completeExceptionally(failure);
        }
      });
      try {
        return result.join();
      } catch (CompletionException e) {
        throw (Exception) e.getCause();
      }
    };
  }

  private static HttpComponentsClientHttpRequestFactory apache5Factory() {
    return new HttpComponentsClientHttpRequestFactory(apache5Client());
  }

  private static SimpleClientHttpRequestFactory hucFactory() {
    SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
    factory.setConnectTimeout(TIMEOUT_MILLIS);
    factory.setReadTimeout(TIMEOUT_MILLIS);
    return factory;
  }

  private static Client restTemplate(RestTemplate template) {
    return (method, url) -> {
      try {
        return template
            .exchange(url, HttpMethod.valueOf(method),
                method.equals("POST") ? new org.springframework.http.HttpEntity<>("x") : null,
                String.class)
            .getStatusCode()
            .value();
      } catch (RestClientResponseException e) {
        return e.getStatusCode().value();
      }
    };
  }
}
