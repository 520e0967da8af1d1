package dev.hourglass.instrumentation.cache;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.hourglass.instrumentation.Family;
import dev.hourglass.instrumentation.TypeInstrumentation;
import dev.hourglass.instrumentation.support.ClassLoaderMatchers;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The shape every cache library's instrumentation has, so each states only what differs: the
 * library type whose presence guards the class loader, the super types to weave (by default that
 * type itself), which of them (by default every class, not interfaces) and the advice.
 */
public abstract class CacheInstrumentation implements TypeInstrumentation {
  // named, not loaded, like every advice class
  private static final String SHARED = "dev.hourglass.instrumentation.cache.CacheAdvice$";
  private static final String LOOKUP_ENTER = SHARED + "LookupEnter";

  /** The exit advice of a lookup answering a value, or null for a miss. */
  protected static final String VALUE_EXIT = SHARED + "LookupExit";

  /** The exit advice of {@code containsKey(key)}. */
  protected static final String CONTAINS_KEY_EXIT = SHARED + "ContainsKeyExit";

  /** The exit advice of {@code getAll(keys)}, answering a map. */
  protected static final String BULK_EXIT = SHARED + "BulkExit";

  /** The advice around a loader's {@code load(key)}. */
  protected static final String LOADER_ADVICE = SHARED + "LoaderAdvice";

  private final String libraryType;
  private final Set<String> superTypeNames;

  /** Weaves the classes that extend or implement {@code libraryType}. */
  protected CacheInstrumentation(String libraryType) {
    this(libraryType, Set.of(libraryType));
  }

  /** Weaves classes having one of {@code superTypeNames}, where {@code libraryType} is seen. */
  protected CacheInstrumentation(String libraryType, Set<String> superTypeNames) {
    this.libraryType = libraryType;
    this.superTypeNames = superTypeNames;
  }

  @Override
  public final Family family() {
    return Family.CACHE;
  }

  @Override
  public final ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ClassLoaderMatchers.canSee(libraryType);
  }

  @Override
  public final Set<String> superTypeNames() {
    return superTypeNames;
  }

  @Override
  public ElementMatcher<? super TypeDescription> typeMatcher() {
    return not(isInterface());
  }

  /** Public methods with a body: an implementation's own, or a default method of an interface. */
  protected static ElementMatcher.Junction<MethodDescription> concrete() {
    return isPublic().and(not(isAbstract()));
  }

  /**
   * A timed lookup: the shared {@link CacheAdvice.LookupEnter} opens it, {@code exitAdvice} (a
   * class name) tells what the method's answer means.
   */
  protected static void lookup(
      AdviceSink sink, ElementMatcher<? super MethodDescription> methods, String exitAdvice) {
    sink.apply(methods, LOOKUP_ENTER, exitAdvice);
  }
}
