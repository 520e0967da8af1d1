package dev.hourglass.it.cache;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A Spring bean whose {@code @Cacheable("vets")} method Spring's {@code CacheInterceptor} caches. */
public class CacheableService {
  @Cacheable("vets")
  public String vet(int id) {
    return CacheWorkload.slowLoad(id);
  }

  /** vets: 1 hit, 2 misses (the method runs for them; Spring stores what it returned). */
  static void run() {
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(Config.class)) {
      CacheableService service = context.getBean(CacheableService.class);
      service.vet(1); // miss
      service.vet(1); // hit
      service.vet(2); // miss
    }
  }

  @Configuration
  @EnableCaching
  static class Config {
    @Bean
    ConcurrentMapCacheManager cacheManager() {
      return new ConcurrentMapCacheManager("vets");
    }

    @Bean
    CacheableService cacheableService() {
      return new CacheableService();
    }
  }
}
