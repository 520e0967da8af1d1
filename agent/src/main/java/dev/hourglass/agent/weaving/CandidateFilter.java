package dev.hourglass.agent.weaving;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Hands ByteBuddy only the classes that could be woven: those that are or inherit one of the
 * woven library types. Every other class (nearly all of an application's 15–20 thousand) is
 * answered from its class file's header and the {@link SuperTypeIndex}, without ByteBuddy
 * describing it.
 *
 * <p>Why: ByteBuddy's transformer builds a type description, runs the ignore and type matchers and
 * resolves super types through its type pool for every class the JVM defines. Even when each step
 * is cheap, that is thousands of ByteBuddy methods run often enough for the JIT to compile them
 * during the application's start-up, on a machine whose cores the application needs for its own
 * start-up. Here a class that cannot match costs one constant-pool scan and a map lookup.
 *
 * <p>Redefinitions (when attached to a running JVM) and any class the filter fails to read go to
 * ByteBuddy as they would without the filter, so the filter can only save work, never lose a
 * class.
 */
final class CandidateFilter extends ResettableClassFileTransformer.WithDelegation {
  private final SuperTypeIndex superTypes;
  private final long wovenBits;
  private final ClassLoader agentLoader;
  private final AgentBuilder.CircularityLock reading = new AgentBuilder.CircularityLock.Default();

  CandidateFilter(
      ResettableClassFileTransformer byteBuddy,
      SuperTypeIndex superTypes,
      long wovenBits,
      ClassLoader agentLoader) {
    super(byteBuddy);
    this.superTypes = superTypes;
    this.wovenBits = wovenBits;
    this.agentLoader = agentLoader;
  }

  /**
   * The only transform method the JVM calls (Java 9 and later; the agent needs 17). The module is
   * passed on, as advice woven into named modules needs their read edges.
   */
  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile)
      throws IllegalClassFormatException {
    if (classBeingRedefined == null && cannotBeWoven(loader, className, classFile)) {
      return null;
    }
    return classFileTransformer.transform(
        module, loader, className, classBeingRedefined, protectionDomain, classFile);
  }

  /**
   * A nameless class (a hidden class or lambda form) is never woven, as ByteBuddy skips it too;
   * nor is the agent's own code.
   */
  boolean cannotBeWoven(ClassLoader loader, String className, byte[] classFile) {
    if (className == null || (loader != null && loader == agentLoader)) {
      return true;
    }
    // A class that loads while the filter reads another (a JDK class its code uses for the first
    // time) is one of the JDK's or the agent's, never woven. Reading it too would run the filter's
    // code inside itself, and a class it needs that is still loading further up this thread
    // would then fail with ClassCircularityError, everywhere it is used afterwards.
    if (!reading.acquire()) {
      return true;
    }
    try {
      return (superTypes.superTypeBits(ClassHeader.of(classFile), loader) & wovenBits) == 0;
    } catch (RuntimeException unreadable) {
      return false;
    } finally {
      reading.release();
    }
  }
}
