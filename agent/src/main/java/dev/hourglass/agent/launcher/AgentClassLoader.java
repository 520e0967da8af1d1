package dev.hourglass.agent.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's internals (its own code and the relocated ByteBuddy, OpenTelemetry SDK,
 * HdrHistogram and Jackson) from the {@value #PREFIX} folder of the agent jar, where they are
 * stored as {@code .classdata} files. Because they are not {@code .class} files at the jar's root,
 * the application's class loader and its class-path scanners never see them.
 *
 * <p>The parent is the platform class loader: the agent sees the JDK (and the bootstrap classes
 * injected for advice) but nothing of the application. Thread-safe (parallel capable).
 */
public final class AgentClassLoader extends ClassLoader {
  static final String PREFIX = "inst/";
  static final String CLASS_SUFFIX = ".classdata";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final URL jarUrl;
  private final ProtectionDomain domain;

  public AgentClassLoader(JarFile jar, URL jarUrl) {
    super("hourglass-agent", ClassLoader.getPlatformClassLoader());
    this.jar = jar;
    this.jarUrl = jarUrl;
    this.domain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + CLASS_SUFFIX);
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = readAll(in);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageFor(name);
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  private void definePackageFor(String className) {
    int dot = className.lastIndexOf('.');
    if (dot > 0) {
      String pkg = className.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException alreadyDefinedConcurrently) {
          // another thread defined it first: fine
        }
      }
    }
  }

  /** Resources of the agent, with {@code X.class} answered from {@code X.classdata}. */
  @Override
  protected URL findResource(String name) {
    String stored = name.endsWith(".class") ? name.substring(0, name.length() - 6) + CLASS_SUFFIX : name;
    JarEntry entry = jar.getJarEntry(PREFIX + stored);
    if (entry == null) {
      return null;
    }
    try {
      return new URL("jar:" + jarUrl + "!/" + entry.getName());
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
  }

  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(in.available(), 1024));
    in.transferTo(out);
    return out.toByteArray();
  }
}
