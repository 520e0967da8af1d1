package dev.hourglass.agent.weaving;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Which of the woven library types (such as {@code java.sql.Statement} or {@code
 * jakarta.servlet.Filter}) a type extends or implements, answered once per type name and class
 * loader for every instrumentation at once.
 *
 * <p>Why: matching each instrumentation's super type on its own walks every loaded class's whole
 * hierarchy once per instrumentation, parsing the class file of each super type again from its
 * class loader's resources, because ByteBuddy's type pool caches nothing from one class to the
 * next. On a Spring Boot application that walk was most of the agent's start-up cost. Here a
 * type's answer is the union of its own bit and its direct super types' answers, so each super
 * type is read at most once per loader, and a class loaded as a super type of another finds its
 * own answer already known. The answers cost a few bytes per loaded class; a loader's answers go
 * with the loader.
 *
 * <p>A {@code java.*} type has one answer for every loader: only the JDK's own loaders may define
 * such a class (the JVM refuses any other), so it is read at most once in the JVM, from the
 * platform loader, instead of once per application loader through that loader's resources.
 */
final class SuperTypeIndex {
  /** Deeper than any real hierarchy: a deeper (or cyclic) one is malformed, and unresolved. */
  private static final int MAX_DEPTH = 64;

  /** Where the class files of super types are read from. */
  interface ClassFiles {
    /** The class file of {@code internalName} as {@code loader} sees it, or null if not found. */
    byte[] read(String internalName, ClassLoader loader) throws IOException;

    ClassFiles OF_LOADER =
        (internalName, loader) -> {
          ClassFileLocator.Resolution resolution =
              ClassFileLocator.ForClassLoader.of(loader).locate(internalName.replace('/', '.'));
          return resolution.isResolved() ? resolution.resolve() : null;
        };
  }

  private final Map<String, Long> bitByName;
  private final ClassFiles classFiles;
  private final Map<ClassLoader, Map<String, Long>> answersByLoader = new WeakHashMap<>();
  private final Map<String, Long> bootAnswers = new ConcurrentHashMap<>();
  private final Map<String, Long> jdkAnswers = new ConcurrentHashMap<>();

  /** An index of the given woven types (binary names, at most 64), reading class loaders' files. */
  SuperTypeIndex(Collection<String> wovenTypeNames) {
    this(wovenTypeNames, ClassFiles.OF_LOADER);
  }

  SuperTypeIndex(Collection<String> wovenTypeNames, ClassFiles classFiles) {
    Map<String, Long> bits = new HashMap<>();
    for (String name : wovenTypeNames) {
      String internalName = name.replace('.', '/');
      if (!bits.containsKey(internalName)) {
        if (bits.size() == Long.SIZE) {
          throw new IllegalArgumentException("more than 64 woven super types: " + wovenTypeNames);
        }
        bits.put(internalName, 1L << bits.size());
      }
    }
    this.bitByName = Map.copyOf(bits);
    this.classFiles = classFiles;
  }

  /** The bits standing for {@code names} (binary names), each one of the index's woven types. */
  long bitsOf(Collection<String> names) {
    long bits = 0;
    for (String name : names) {
      Long bit = bitByName.get(name.replace('.', '/'));
      if (bit == null) {
        throw new IllegalArgumentException(name + " is not one of the indexed types");
      }
      bits |= bit;
    }
    return bits;
  }

  /** The bits of the woven types that the class, as defined by {@code loader}, is or inherits. */
  long superTypeBits(ClassHeader header, ClassLoader loader) {
    Long known = answersOf(header.name(), loader).get(header.name());
    return known != null ? known : answer(header, loader, 0);
  }

  /** The bits of the woven types that the class's super class is or inherits; 0 for none. */
  long superClassBits(ClassHeader header, ClassLoader loader) {
    return header.superName() == null ? 0 : superTypeBits(header.superName(), loader, 1);
  }

  /**
   * The bits of the woven types a loaded class is or inherits, read from the class itself (never
   * from class files: it and its super types are all loaded). Arrays, primitives and hidden
   * classes, which are never woven, have none.
   */
  long superTypeBits(Class<?> type) {
    if (type.isArray() || type.isPrimitive() || type.isHidden()) {
      return 0;
    }
    String name = type.getName().replace('.', '/');
    Map<String, Long> answers = answersOf(name, type.getClassLoader());
    Long known = answers.get(name);
    if (known != null) {
      return known;
    }
    long bits = bitByName.getOrDefault(name, 0L);
    Class<?> superClass = type.getSuperclass();
    if (superClass != null) {
      bits |= superTypeBits(superClass);
    }
    for (Class<?> implemented : type.getInterfaces()) {
      bits |= superTypeBits(implemented);
    }
    answers.put(name, bits);
    return bits;
  }

  private Map<String, Long> answersOf(String name, ClassLoader loader) {
    if (isJdkOnly(name)) {
      return jdkAnswers;
    }
    if (loader == null) {
      return bootAnswers;
    }
    synchronized (answersByLoader) {
      return answersByLoader.computeIfAbsent(loader, key -> new ConcurrentHashMap<>());
    }
  }

  private long answer(ClassHeader header, ClassLoader loader, int depth) {
    long bits = bitByName.getOrDefault(header.name(), 0L);
    if (header.superName() != null) {
      bits |= superTypeBits(header.superName(), loader, depth + 1);
    }
    for (String implemented : header.interfaces()) {
      bits |= superTypeBits(implemented, loader, depth + 1);
    }
    answersOf(header.name(), loader).put(header.name(), bits);
    return bits;
  }

  /**
   * A super type whose class file cannot be found (an optional dependency missing from the class
   * path) or read contributes nothing, and the rest of the hierarchy still counts. Its answer is
   * not remembered: the class may yet be defined from bytes no resource holds.
   */
  private long superTypeBits(String name, ClassLoader loader, int depth) {
    Long known = answersOf(name, loader).get(name);
    if (known != null) {
      return known;
    }
    if (depth > MAX_DEPTH) {
      return 0;
    }
    ClassLoader reader = isJdkOnly(name) ? ClassLoader.getPlatformClassLoader() : loader;
    try {
      byte[] classFile = classFiles.read(name, reader);
      return classFile == null ? 0 : answer(ClassHeader.of(classFile), reader, depth);
    } catch (IOException | RuntimeException unreadable) {
      return 0;
    }
  }

  /** Only the JDK's loaders may define a class in {@code java.*}: one answer serves all loaders. */
  private static boolean isJdkOnly(String internalName) {
    return internalName.startsWith("java/");
  }
}
