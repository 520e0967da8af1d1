package dev.hourglass.instrumentation;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One set of library types to weave and the advice that goes into them. The agent turns each into
 * a ByteBuddy transformation; advice classes are named, not loaded, so their bytecode is inlined
 * into the library's classes without the agent's class loader ever being visible to them.
 */
public interface TypeInstrumentation {

  /** Receives the advice of one instrumentation: which methods get which advice class. */
  interface AdviceSink {
    /** One advice class holds both the enter and the exit advice of {@code methods}. */
    void apply(ElementMatcher<? super MethodDescription> methods, String adviceClassName);

    /**
     * The enter and the exit advice of {@code methods} come from two classes, so that one enter
     * advice can serve several exits; the exit's {@code @Advice.Enter} is what the enter returned.
     */
    void apply(
        ElementMatcher<? super MethodDescription> methods,
        String enterAdviceClassName,
        String exitAdviceClassName);
  }

  /** The family this belongs to: it is woven when the family is enabled. */
  Family family();

  /** Cheap guard: only class loaders that can see the library's types are considered at all. */
  ElementMatcher<ClassLoader> classLoaderMatcher();

  /**
   * The library types that every woven type extends, implements or is, such as {@code
   * java.sql.Statement} (a type named outright lists itself). Only classes having one of them are
   * described to ByteBuddy at all, and the agent answers this for all instrumentations at once,
   * reading each class's hierarchy once per class loader: never write {@code hasSuperType} into
   * {@link #typeMatcher}, which would walk every loaded class's hierarchy again for this
   * instrumentation alone.
   */
  Set<String> superTypeNames();

  /**
   * Narrows the types having one of {@link #superTypeNames} to those to weave (for example, not
   * interfaces).
   */
  ElementMatcher<? super TypeDescription> typeMatcher();

  /** Declares the advice: method matchers (as narrow as name + arguments allow) to advice classes. */
  void adviceTo(AdviceSink sink);

  /**
   * Classes that woven code calls and that must live beside the library (for example an
   * {@code AsyncListener} implementation): injected into the class loader of each woven type.
   */
  default List<String> helperClassNames() {
    return Collections.emptyList();
  }

  /**
   * A bootstrap interface (such as {@code dev.hourglass.bootstrap.StatementSlot}) that each woven
   * class loaded from now on gets implemented, with a field of its own behind the interface's
   * getter and setter: per-object agent state read with a field access instead of a weak-map
   * probe. Null for none. Only the topmost woven class of a hierarchy gets it (its subclasses
   * inherit it); classes loaded before the agent, serializable ones and those of named modules
   * do not, and their objects' state stays in the agent's maps.
   */
  default String slotInterfaceName() {
    return null;
  }
}
