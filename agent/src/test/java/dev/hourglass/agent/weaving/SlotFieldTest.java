package dev.hourglass.agent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.bootstrap.StatementSlot;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Statement;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.Test;

/**
 * Which classes get a slot, and what a class woven with one has: the bootstrap interface, backed
 * by a private transient synthetic field of its own.
 */
class SlotFieldTest {
  abstract static class DriverStatement implements Statement {}

  abstract static class ProxyStatement extends DriverStatement {}

  abstract static class SerializableStatement implements Statement, Serializable {}

  /** Decorated (as the weaver decorates classes) and loaded again in a loader of its own. */
  public static class Plain {}

  private final SlotField slot = SlotField.of(StatementSlot.class);
  private final SuperTypeIndex index =
      new SuperTypeIndex(List.of(Statement.class.getName(), Serializable.class.getName()));
  private final SlotTypes slotTypes =
      new SlotTypes(
          (type, loader, module, redefined, domain) -> true,
          index,
          index.bitsOf(List.of(Statement.class.getName())),
          index.bitsOf(List.of(Serializable.class.getName())),
          slot);

  @Test
  void onlyTheTopmostClassOfAHierarchyGetsTheSlotAndNoSerializableOne() {
    assertThat(matchesAsLoading(DriverStatement.class)).isTrue();
    assertThat(matchesAsLoading(ProxyStatement.class)).as("inherits its super class's").isFalse();
    assertThat(matchesAsLoading(SerializableStatement.class)).isFalse();
  }

  @Test
  void aRetransformedClassGetsTheSlotExactlyWhenItHasItAlready() throws Exception {
    Class<?> woven = weave(Plain.class);

    assertThat(matchesAsRetransformed(woven)).isTrue();
    assertThat(matchesAsRetransformed(DriverStatement.class))
        .as("loaded before the agent")
        .isFalse();
  }

  @Test
  void aWovenClassKeepsTheStateInAFieldOfItsOwn() throws Exception {
    Class<?> woven = weave(Plain.class);
    Object first = woven.getConstructor().newInstance();
    Object second = woven.getConstructor().newInstance();

    ((StatementSlot) first).hourglass$statementState("state of the first");

    assertThat(((StatementSlot) first).hourglass$statementState()).isEqualTo("state of the first");
    assertThat(((StatementSlot) second).hourglass$statementState()).isNull();
    Field field = woven.getDeclaredField("hourglass$statementState");
    assertThat(field.isSynthetic()).isTrue();
    assertThat(field.getModifiers() & (Modifier.PRIVATE | Modifier.TRANSIENT))
        .isEqualTo(Modifier.PRIVATE | Modifier.TRANSIENT);
  }

  private boolean matchesAsLoading(Class<?> type) {
    return slotTypes.matches(
        TypeDescription.ForLoadedType.of(type), type.getClassLoader(), null, null, null);
  }

  private boolean matchesAsRetransformed(Class<?> type) {
    return slotTypes.matches(
        TypeDescription.ForLoadedType.of(type), type.getClassLoader(), null, type, null);
  }

  private Class<?> weave(Class<?> type) {
    return new ByteBuddy()
        .decorate(type)
        .visit(slot)
        .make()
        .load(new ClassLoader(type.getClassLoader()) {}, ClassLoadingStrategy.Default.CHILD_FIRST)
        .getLoaded();
  }
}
