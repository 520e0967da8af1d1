package dev.hourglass.agent.weaving;

import dev.hourglass.instrumentation.TypeInstrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * One instrumentation's advice, woven into each class it matches, with the advice classes resolved
 * once per class loader of the woven classes.
 *
 * <p>Why not ByteBuddy's {@code AgentBuilder.Transformer.ForAdvice}: it parses every advice class
 * again for each class it weaves (a new type pool per class), which on a Spring Boot start was a
 * third of the weaving's time and kept ByteBuddy's class-file parser hot enough for the JIT to
 * compile it while the application was starting. An advice's resolution depends only on the
 * advice class (read from the agent) and on how the library types in its signature resolve, i.e.
 * on the woven class's loader, so one resolution serves every class of that loader.
 *
 * <p>The loader is held weakly, by the map and by the class-file locator alike, so a web
 * application's loader that is undeployed can still be collected.
 */
final class WovenAdvice implements AgentBuilder.Transformer, TypeInstrumentation.AdviceSink {
  /** {@code enterClass} and {@code exitClass} are the same class where one class holds both. */
  private record Entry(
      ElementMatcher<? super MethodDescription> methods, String enterClass, String exitClass) {}

  private final ClassFileLocator agentClasses;
  private final Advice.ExceptionHandler errors;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<ClassLoader, AsmVisitorWrapper> byLoader = new WeakHashMap<>();

  WovenAdvice(ClassLoader agentLoader, Advice.ExceptionHandler errors) {
    this.agentClasses = ClassFileLocator.ForClassLoader.of(agentLoader);
    this.errors = errors;
  }

  @Override
  public void apply(ElementMatcher<? super MethodDescription> methods, String adviceClassName) {
    entries.add(new Entry(methods, adviceClassName, adviceClassName));
  }

  @Override
  public void apply(
      ElementMatcher<? super MethodDescription> methods,
      String enterAdviceClassName,
      String exitAdviceClassName) {
    entries.add(new Entry(methods, enterAdviceClassName, exitAdviceClassName));
  }

  @Override
  public DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      ProtectionDomain domain) {
    return builder.visit(adviceFor(loader));
  }

  /** The boot loader is the null key, which {@link WeakHashMap} supports. */
  AsmVisitorWrapper adviceFor(ClassLoader loader) {
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(loader, this::resolve);
    }
  }

  private AsmVisitorWrapper resolve(ClassLoader loader) {
    ClassFileLocator classFiles =
        new ClassFileLocator.Compound(
            agentClasses, ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader));
    TypePool types =
        new TypePool.Default.WithLazyResolution(
            new TypePool.CacheProvider.Simple(), classFiles, TypePool.Default.ReaderMode.FAST);
    AsmVisitorWrapper.ForDeclaredMethods methods = new AsmVisitorWrapper.ForDeclaredMethods();
    for (Entry entry : entries) {
      methods = methods.invokable(entry.methods(), advice(entry, types, classFiles));
    }
    return methods;
  }

  private Advice advice(Entry entry, TypePool types, ClassFileLocator classFiles) {
    TypeDescription enter = types.describe(entry.enterClass()).resolve();
    Advice advice =
        entry.enterClass().equals(entry.exitClass())
            ? Advice.to(enter, classFiles)
            : Advice.to(enter, types.describe(entry.exitClass()).resolve(), classFiles);
    return advice.withExceptionHandler(errors);
  }
}
