package dev.hourglass.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.AgentJar;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the agent jar holds after the build has minimized its bundled libraries (maven-shade-plugin's
 * minimizeJar drops classes nothing seems to reference): every class a class in the jar references
 * is in the jar, in the JDK the tests run the agent on, or in a library the host application brings
 * (the instrumented APIs) or that a bundled library only uses when present. A class dropped by
 * mistake fails here, not in a customer's JVM on the first export or notification.
 */
class AgentJarContentsIT {

  /** Where the agent keeps classes: the launcher at the root, the rest as .classdata under boot/ and inst/. */
  private static final List<String> CLASS_ROOTS = List.of("boot/", "inst/", "");

  /**
   * Packages (internal names) referenced from the jar but never bundled, each for its reason: the
   * instrumented APIs come from the application; the rest are optional back-ends that the bundled
   * libraries use only when the application has them.
   */
  private static final List<String> NOT_BUNDLED = List.of(
      // Instrumented APIs: advice and helpers use the application's own classes.
      "jakarta/servlet/", "javax/servlet/",
      "org/apache/http/", "org/apache/hc/",
      "okhttp3/",
      "com/github/benmanes/caffeine/", "javax/cache/", "org/ehcache/",
      "org/springframework/",
      // OkHttp's TLS platforms, each used only when its provider is installed.
      "org/conscrypt/", "org/bouncycastle/", "org/openjsse/",
      // ByteBuddy's JNA class injector, chosen only when JNA is on the class path.
      "com/sun/jna/",
      // The OTLP gRPC builder's setChannel(ManagedChannel), for applications that bring grpc-java.
      "io/grpc/",
      // A compile-time annotation named in the SDK's inner-class tables, never loaded.
      "com/google/auto/value/");

  @Test
  void everyReferencedClassIsInTheJarTheJdkOrLeftToTheApplication() throws Exception {
    Path jdk = Path.of(System.getProperty("test.java.home", System.getProperty("java.home")));
    Set<String> jdkClasses = jdkClasses(jdk);
    Map<String, Set<String>> missing = new TreeMap<>();
    try (JarFile jar = new JarFile(AgentJar.require().toFile())) {
      Map<String, JarEntry> classes = classes(jar);
      for (Map.Entry<String, JarEntry> clazz : classes.entrySet()) {
        if (clazz.getKey().endsWith("/package-info")) {
          continue; // holds package annotations only; the JVM never runs it
        }
        for (String referenced : ClassFileReferences.of(bytes(jar, clazz.getValue()))) {
          if (!classes.containsKey(referenced) && !jdkClasses.contains(referenced) && !provided(referenced)) {
            missing.computeIfAbsent(referenced, name -> new TreeSet<>()).add(clazz.getKey());
          }
        }
      }
      System.out.printf("agent jar: %,d bytes, %,d entries, %,d classes%n",
          Files.size(AgentJar.require()), jar.size(), classes.size());
    }
    assertThat(missing)
        .as("classes referenced from the agent jar (with who references them) that are neither in it, in the"
            + " JDK at " + jdk + ", nor left to the application on purpose")
        .isEmpty();
  }

  @Test
  void everyEntryIsTheAgentsOwnOrRelocatedUnderIt() throws Exception {
    try (JarFile jar = new JarFile(AgentJar.require().toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
      assertThat(names)
          .as("entries outside dev/hourglass and META-INF (an unrelocated package)")
          .allMatch(name -> name.startsWith("META-INF/")
              || name.startsWith("dev/hourglass/agent/launcher/")
              || name.startsWith("boot/dev/hourglass/bootstrap/")
              || name.startsWith("inst/dev/hourglass/")
              || name.startsWith("inst/META-INF/"));
      assertThat(names).as("directory entries (the class loaders never read them)").noneMatch(name -> name.endsWith("/"));
    }
  }

  /** Class internal name to its entry, for every class the agent's loaders can define. */
  private static Map<String, JarEntry> classes(JarFile jar) {
    Map<String, JarEntry> classes = new TreeMap<>();
    for (JarEntry entry : Collections.list(jar.entries())) {
      String name = entry.getName();
      for (String root : CLASS_ROOTS) {
        String suffix = root.isEmpty() ? ".class" : ".classdata";
        if (name.startsWith(root) && name.endsWith(suffix)) {
          classes.put(name.substring(root.length(), name.length() - suffix.length()), entry);
          break;
        }
      }
    }
    return classes;
  }

  private static boolean provided(String internalName) {
    return NOT_BUNDLED.stream().anyMatch(internalName::startsWith);
  }

  private static byte[] bytes(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /** Every class in the run-time image of the JDK at {@code home}, read through its own jrt file system. */
  private static Set<String> jdkClasses(Path home) throws IOException {
    try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", home.toString()));
        Stream<Path> modules = Files.list(jrt.getPath("/modules"))) {
      Set<String> classes = new TreeSet<>();
      for (Path module : modules.toList()) {
        try (Stream<Path> files = Files.walk(module)) {
          files.map(file -> module.relativize(file).toString())
              .filter(file -> file.endsWith(".class"))
              .map(file -> file.substring(0, file.length() - ".class".length()))
              .collect(Collectors.toCollection(() -> classes));
        }
      }
      return classes;
    }
  }
}
