package dev.hourglass.agent.weaving;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.type.TypeDescription;

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
 */
final class SuperTypeIndex {
  private final Map<String, Long> bitByName;
  private final Map<ClassLoader, Map<String, Long>> answersByLoader = new WeakHashMap<>();
  private final Map<String, Long> bootAnswers = new ConcurrentHashMap<>();

  /** An index of the given woven types, at most 64. */
  SuperTypeIndex(Collection<String> wovenTypeNames) {
    Map<String, Long> bits = new HashMap<>();
    for (String name : wovenTypeNames) {
      if (!bits.containsKey(name)) {
        if (bits.size() == Long.SIZE) {
          throw new IllegalArgumentException("more than 64 woven super types: " + wovenTypeNames);
        }
        bits.put(name, 1L << bits.size());
      }
    }
    this.bitByName = Map.copyOf(bits);
  }

  /** The bits standing for {@code names}, each one of the index's woven types. */
  long bitsOf(Collection<String> names) {
    long bits = 0;
    for (String name : names) {
      Long bit = bitByName.get(name);
      if (bit == null) {
        throw new IllegalArgumentException(name + " is not one of the indexed types");
      }
      bits |= bit;
    }
    return bits;
  }

  /** The bits of the woven types that {@code type}, as seen from {@code loader}, is or inherits. */
  long superTypeBits(TypeDescription type, ClassLoader loader) {
    return bits(type, answersOf(loader));
  }

  private Map<String, Long> answersOf(ClassLoader loader) {
    if (loader == null) {
      return bootAnswers;
    }
    synchronized (answersByLoader) {
      return answersByLoader.computeIfAbsent(loader, key -> new ConcurrentHashMap<>());
    }
  }

  private long bits(TypeDescription type, Map<String, Long> answers) {
    String name = type.getName();
    Long known = answers.get(name);
    if (known != null) {
      return known;
    }
    long bits = bitByName.getOrDefault(name, 0L);
    TypeDescription.Generic superClass = superClassOf(type);
    if (superClass != null) {
      bits |= bitsOrNone(superClass, answers);
    }
    for (TypeDescription.Generic implemented : interfacesOf(type)) {
      bits |= bitsOrNone(implemented, answers);
    }
    answers.put(name, bits);
    return bits;
  }

  /**
   * A super type whose class file cannot be found (an optional dependency missing from the class
   * path) contributes nothing, and the rest of the hierarchy still counts.
   */
  private long bitsOrNone(TypeDescription.Generic superType, Map<String, Long> answers) {
    try {
      return bits(superType.asErasure(), answers);
    } catch (RuntimeException | LinkageError unresolvable) {
      return 0;
    }
  }

  private static TypeDescription.Generic superClassOf(TypeDescription type) {
    try {
      return type.getSuperClass();
    } catch (RuntimeException | LinkageError unresolvable) {
      return null;
    }
  }

  private static Iterable<TypeDescription.Generic> interfacesOf(TypeDescription type) {
    try {
      return type.getInterfaces();
    } catch (RuntimeException | LinkageError unresolvable) {
      return List.of();
    }
  }
}
