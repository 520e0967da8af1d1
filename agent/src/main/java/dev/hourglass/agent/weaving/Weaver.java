package dev.hourglass.agent.weaving;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.hourglass.bootstrap.AdviceErrors;
import dev.hourglass.bootstrap.AgentLog;
import dev.hourglass.instrumentation.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the enabled {@link TypeInstrumentation}s into classes as they load (and, when attached to
 * a running JVM, into classes already loaded). Advice is inlined from the agent jar's class files;
 * a throwable inside advice is handed to {@link AdviceErrors#record} and never reaches the
 * application.
 */
public final class Weaver {
  private static final String SERIALIZABLE = "java.io.Serializable";

  private final ClassLoader agentLoader;
  private final HelperInjector helpers;

  public Weaver(ClassLoader agentLoader, Instrumentation instrumentation) {
    this.agentLoader = agentLoader;
    this.helpers = new HelperInjector(agentLoader, instrumentation);
  }

  /** Installs the transformations; returns the installed transformer so tests can remove it. */
  public java.lang.instrument.ClassFileTransformer install(
      Instrumentation instrumentation, List<TypeInstrumentation> enabled) {
    // No self-initialization is needed (advice is inlined), so ByteBuddy's Nexus stays off: it
    // would reach for sun.misc.Unsafe, which JDK 24+ warns about on the application's console.
    System.setProperty(net.bytebuddy.dynamic.Nexus.PROPERTY, "true");
    // Advice only rewrites the methods a class declares, so ByteBuddy needs neither the graph of
    // inherited methods (which would parse every super type of each woven class) nor validation
    // of code it did not write.
    ByteBuddy byteBuddy =
        new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
    List<String> wovenSuperTypes = allSuperTypeNames(enabled);
    // Serializable is indexed too, but never woven: classes having it are given no slot.
    List<String> indexed = new ArrayList<>(wovenSuperTypes);
    indexed.add(SERIALIZABLE);
    SuperTypeIndex superTypes = new SuperTypeIndex(indexed);
    long wovenBits = superTypes.bitsOf(wovenSuperTypes);
    long serializableBit = superTypes.bitsOf(List.of(SERIALIZABLE));
    AgentBuilder builder =
        new AgentBuilder.Default(byteBuddy)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            // Of the classes loaded before the weaving is installed (thousands: the JDK's, the
            // agent's, the application's first), only those inheriting a woven type are offered
            // to ByteBuddy for retransformation.
            .with(
                (AgentBuilder.RedefinitionStrategy.DiscoveryStrategy)
                    ignored -> List.of(loadedCandidates(instrumentation, superTypes, wovenBits)))
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(AgentBuilder.PoolStrategy.Default.FAST)
            .with(new FailureLog())
            // Advice inlined into JDK classes of named modules (java.base, java.net.http) calls the
            // bootstrap classes, which live in the boot loader's unnamed module: those modules
            // must be made to read it, or the calls fail with IllegalAccessError.
            .assureReadEdgeTo(instrumentation, AdviceErrors.class)
            // Never weave the agent itself (its relocated libraries included; applications in
            // other dev.hourglass packages, like the sample app, are woven), reflection
            // accessors or synthetic classes. jdk.internal.net.http stays weavable: it is the
            // JDK's HttpClient.
            .ignore(
                nameStartsWith("dev.hourglass.agent.")
                    .or(nameStartsWith("dev.hourglass.bootstrap."))
                    .or(nameStartsWith("dev.hourglass.instrumentation."))
                    .or(nameStartsWith("dev.hourglass.exporter."))
                    .or(nameStartsWith("dev.hourglass.shaded."))
                    .or(nameStartsWith("net.bytebuddy."))
                    .or(nameStartsWith("jdk.internal.reflect."))
                    .or(nameStartsWith("sun.reflect."))
                    .or(isSynthetic()))
            .or(any(), loader -> loader == agentLoader);
    StackManipulation recordError = recordAdviceError();
    builder =
        builder.with(
            (AgentBuilder.TransformerDecorator)
                transformer -> new CandidateFilter(transformer, superTypes, wovenBits, agentLoader));
    for (TypeInstrumentation woven : enabled) {
      WovenAdvice advice =
          new WovenAdvice(agentLoader, new Advice.ExceptionHandler.Simple(recordError));
      woven.adviceTo(advice);
      List<String> helperNames = woven.helperClassNames();
      WovenTypes types = new WovenTypes(woven, superTypes);
      if (woven.slotInterfaceName() != null) {
        SlotField slot = SlotField.of(bootstrapClass(woven.slotInterfaceName()));
        builder =
            builder
                .type(new SlotTypes(types, superTypes, types.superTypeBits, serializableBit, slot))
                .transform(
                    (typeBuilder, type, classLoader, module, domain) -> typeBuilder.visit(slot));
      }
      builder =
          builder
              .type(types)
              .transform(
                  (typeBuilder, type, classLoader, module, domain) -> {
                    helpers.inject(classLoader, helperNames);
                    return typeBuilder;
                  })
              .transform(advice);
    }
    return builder.installOn(instrumentation);
  }

  private List<Class<?>> loadedCandidates(
      Instrumentation instrumentation, SuperTypeIndex superTypes, long wovenBits) {
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      if (loaded.getClassLoader() != agentLoader
          && (superTypes.superTypeBits(loaded) & wovenBits) != 0) {
        candidates.add(loaded);
      }
    }
    AgentLog.debug(candidates.size() + " classes loaded before the weaving are offered to it");
    return candidates;
  }

  private static Class<?> bootstrapClass(String name) {
    try {
      return Class.forName(name, false, AdviceErrors.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("agent-bootstrap is incomplete", e);
    }
  }

  private static List<String> allSuperTypeNames(List<TypeInstrumentation> enabled) {
    List<String> names = new ArrayList<>();
    enabled.forEach(woven -> names.addAll(woven.superTypeNames()));
    return names;
  }

  private static StackManipulation recordAdviceError() {
    try {
      return MethodInvocation.invoke(
          new MethodDescription.ForLoadedMethod(
              AdviceErrors.class.getMethod("record", Throwable.class)));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("agent-bootstrap is incomplete", e);
    }
  }

  /**
   * One instrumentation's types: its class-loader guard, then its own type matcher, then its super
   * types looked up in the index shared by all instrumentations.
   */
  private static final class WovenTypes implements AgentBuilder.RawMatcher {
    private final ElementMatcher<ClassLoader> loaders;
    private final ElementMatcher<? super TypeDescription> types;
    private final SuperTypeIndex superTypes;
    private final long superTypeBits;

    WovenTypes(TypeInstrumentation woven, SuperTypeIndex superTypes) {
      this.loaders = woven.classLoaderMatcher();
      this.types = woven.typeMatcher();
      this.superTypes = superTypes;
      this.superTypeBits = superTypes.bitsOf(woven.superTypeNames());
    }

    @Override
    public boolean matches(
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain) {
      return loaders.matches(loader)
          && types.matches(type)
          && (superTypeBitsOf(type, loader, classBeingRedefined) & superTypeBits) != 0;
    }

    private long superTypeBitsOf(TypeDescription type, ClassLoader loader, Class<?> loaded) {
      return loaded != null
          ? superTypes.superTypeBits(loaded)
          : superTypes.superTypeBits(ClassHeader.of(type), loader);
    }
  }

  /** Logs each class that fails to weave once; the class then loads unwoven. */
  private static final class FailureLog extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      AgentLog.warnOnce(
          "weave-" + typeName,
          "could not instrument " + typeName + " (left as is): " + AgentLog.describe(throwable));
    }

    @Override
    public void onTransformation(
        TypeDescription typeDescription,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      AgentLog.debug("instrumented " + typeDescription.getName());
    }
  }
}
