package dev.hourglass.instrumentation;

import dev.hourglass.instrumentation.cache.CacheLoaderInstrumentation;
import dev.hourglass.instrumentation.cache.KeyValueCacheInstrumentation;
import dev.hourglass.instrumentation.cache.caffeine.CaffeineBuilderInstrumentation;
import dev.hourglass.instrumentation.cache.caffeine.CaffeineCacheInstrumentation;
import dev.hourglass.instrumentation.cache.caffeine.CaffeineComputeInstrumentation;
import dev.hourglass.instrumentation.cache.ehcache.CacheManagerInstrumentation;
import dev.hourglass.instrumentation.cache.spring.SpringCacheInstrumentation;
import dev.hourglass.instrumentation.httpclient.apache.ApacheHttpClientInstrumentation;
import dev.hourglass.instrumentation.httpclient.jdk.JdkHttpClientInstrumentation;
import dev.hourglass.instrumentation.httpclient.jdk.UrlConnectionInstrumentation;
import dev.hourglass.instrumentation.httpclient.okhttp.OkHttpInstrumentation;
import dev.hourglass.instrumentation.jdbc.ConnectionInstrumentation;
import dev.hourglass.instrumentation.jdbc.DataSourceInstrumentation;
import dev.hourglass.instrumentation.jdbc.StatementInstrumentation;
import dev.hourglass.instrumentation.servlet.jakarta.JakartaServletInstrumentation;
import dev.hourglass.instrumentation.servlet.javax.JavaxServletInstrumentation;
import java.util.List;

/** Every instrumentation the agent can weave. Families are switched on and off by configuration. */
public final class Instrumentations {
  private Instrumentations() {}

  public static List<TypeInstrumentation> all() {
    return List.of(
        new JakartaServletInstrumentation(),
        new JavaxServletInstrumentation(),
        new StatementInstrumentation(),
        new ConnectionInstrumentation(),
        new DataSourceInstrumentation(),
        new UrlConnectionInstrumentation(),
        new JdkHttpClientInstrumentation(),
        ApacheHttpClientInstrumentation.version4(),
        ApacheHttpClientInstrumentation.version5(),
        new OkHttpInstrumentation(),
        new CaffeineBuilderInstrumentation(),
        CaffeineCacheInstrumentation.synchronous(),
        CaffeineCacheInstrumentation.asynchronous(),
        new CaffeineComputeInstrumentation(),
        new SpringCacheInstrumentation(),
        KeyValueCacheInstrumentation.jcache(),
        CacheLoaderInstrumentation.jcache(),
        KeyValueCacheInstrumentation.ehcache(),
        new CacheManagerInstrumentation(),
        CacheLoaderInstrumentation.ehcache());
  }
}
