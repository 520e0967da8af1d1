package dev.hourglass.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheNamesTest {
  @Test
  void aCacheBuiltInAConstructorOrStaticInitializerIsNamedAfterItsClass() {
    assertThat(CacheNames.nameOf("com.example.OwnerService", "<init>")).isEqualTo("OwnerService");
    assertThat(CacheNames.nameOf("com.example.OwnerService", "<clinit>")).isEqualTo("OwnerService");
  }

  @Test
  void aCacheBuiltInAMethodIsNamedAfterClassAndMethod() {
    assertThat(CacheNames.nameOf("com.example.Caches", "owners")).isEqualTo("Caches.owners");
    assertThat(CacheNames.nameOf("com.example.Caches", "lambda$owners$0")).isEqualTo("Caches.owners");
  }

  @Test
  void generatedSubclassesAreNamedAfterTheApplicationsClass() {
    assertThat(CacheNames.nameOf("com.example.AppConfig$$SpringCGLIB$$0", "owners"))
        .isEqualTo("AppConfig.owners");
  }
}
