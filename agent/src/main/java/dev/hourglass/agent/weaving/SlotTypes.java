package dev.hourglass.agent.weaving;

import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * Which of an instrumentation's woven classes get its {@link SlotField}: as a class loads, the
 * topmost class of its hierarchy that inherits the instrumentation's library types (its
 * subclasses inherit the slot), unless it is serializable (a new field would change its computed
 * {@code serialVersionUID}) or in a named module (left alone rather than given a read edge to
 * the bootstrap loader's unnamed module for its super interface).
 *
 * <p>A retransformation may not add fields, nor remove them: a loaded class is given the slot
 * again exactly when it already has it, and a class loaded before the agent never gets one.
 */
final class SlotTypes implements AgentBuilder.RawMatcher {
  private final AgentBuilder.RawMatcher wovenTypes;
  private final SuperTypeIndex superTypes;
  private final long superTypeBits;
  private final long serializableBit;
  private final String interfaceName;

  /**
   * @param wovenTypes the instrumentation's own matcher
   * @param superTypeBits the index's bits of the instrumentation's library types
   * @param serializableBit the index's bit of {@code java.io.Serializable}
   */
  SlotTypes(
      AgentBuilder.RawMatcher wovenTypes,
      SuperTypeIndex superTypes,
      long superTypeBits,
      long serializableBit,
      SlotField slot) {
    this.wovenTypes = wovenTypes;
    this.superTypes = superTypes;
    this.superTypeBits = superTypeBits;
    this.serializableBit = serializableBit;
    this.interfaceName = slot.interfaceName();
  }

  @Override
  public boolean matches(
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain) {
    if (classBeingRedefined != null) {
      return declaresSlot(classBeingRedefined);
    }
    if ((module != null && module.isNamed())
        || !wovenTypes.matches(type, loader, module, null, protectionDomain)) {
      return false;
    }
    ClassHeader header = ClassHeader.of(type);
    return (superTypes.superTypeBits(header, loader) & serializableBit) == 0
        && (superTypes.superClassBits(header, loader) & superTypeBits) == 0;
  }

  private boolean declaresSlot(Class<?> loaded) {
    for (Class<?> implemented : loaded.getInterfaces()) {
      if (implemented.getName().equals(interfaceName)) {
        return true;
      }
    }
    return false;
  }
}
