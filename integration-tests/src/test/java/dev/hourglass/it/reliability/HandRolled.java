package dev.hourglass.it.reliability;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.InvocationHandlerAdapter;
import net.bytebuddy.implementation.MethodCall;

/**
 * Implementations of a library interface made while the application runs, as pools and driver
 * wrappers make theirs. Unlike {@link java.lang.reflect.Proxy} classes they are ordinary named
 * classes, which the agent weaves like any library's; and they can lack methods, like a class
 * compiled against an older version of the interface (a JDBC 3 driver, a Servlet 2.5 wrapper):
 * calling a missing method throws {@link AbstractMethodError}.
 */
final class HandRolled {
  private static final Map<List<Object>, Class<?>> CLASSES = new ConcurrentHashMap<>();

  private HandRolled() {}

  /**
   * An instance of {@code api} whose methods all go to {@code handler}, except {@code missing},
   * which the class does not have.
   */
  static <T> T implement(Class<T> api, InvocationHandler handler, String... missing) {
    Class<?> type =
        CLASSES.computeIfAbsent(
            List.of(api, List.of(missing)), key -> define(api, missing));
    try {
      return api.cast(type.getConstructor(InvocationHandler.class).newInstance(handler));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate " + type, e);
    }
  }

  /** A handler that forwards every call to {@code target}, throwing what it throws. */
  static <T> InvocationHandler forwardingTo(Class<T> api, T target) {
    return (self, method, args) -> forward(api, target, method, args);
  }

  /** Calls {@code method} of {@code api} on {@code target}; its exception is rethrown unchanged. */
  static <T> Object forward(Class<T> api, T target, Method method, Object[] args) throws Throwable {
    try {
      return api.getMethod(method.getName(), method.getParameterTypes()).invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Class<?> define(Class<?> api, String[] missing) {
    String name =
        HandRolled.class.getPackageName()
            + ".HandRolled"
            + api.getSimpleName()
            + (missing.length == 0 ? "" : "Without" + String.join("", capitalized(missing)));
    try {
      return new ByteBuddy()
          .subclass(Object.class)
          .implement(api)
          .name(name)
          .defineField("handler", InvocationHandler.class, Visibility.PRIVATE)
          .defineConstructor(Visibility.PUBLIC)
          .withParameters(InvocationHandler.class)
          .intercept(
              MethodCall.invoke(Object.class.getConstructor())
                  .andThen(FieldAccessor.ofField("handler").setsArgumentAt(0)))
          .method(isAbstract().and(not(namedOneOf(missing))))
          .intercept(InvocationHandlerAdapter.toField("handler"))
          .make()
          // A loader of its own under the application's, as a pool's generated classes get.
          .load(HandRolled.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
          .getLoaded();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> capitalized(String[] names) {
    return Arrays.stream(names)
        .map(n -> Character.toUpperCase(n.charAt(0)) + n.substring(1))
        .toList();
  }
}
