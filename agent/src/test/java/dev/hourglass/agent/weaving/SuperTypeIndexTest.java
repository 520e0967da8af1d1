package dev.hourglass.agent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

class SuperTypeIndexTest {
  private static final List<String> WOVEN =
      List.of(Statement.class.getName(), Connection.class.getName(), DataSource.class.getName());

  private final List<String> read = new ArrayList<>();
  private final SuperTypeIndex index =
      new SuperTypeIndex(
          WOVEN,
          (name, loader) -> {
            read.add(name);
            return SuperTypeIndex.ClassFiles.OF_LOADER.read(name, loader);
          });
  private final long statement = index.bitsOf(List.of(Statement.class.getName()));
  private final long connection = index.bitsOf(List.of(Connection.class.getName()));
  private final long dataSource = index.bitsOf(List.of(DataSource.class.getName()));
  private final ClassLoader loader = getClass().getClassLoader();

  abstract static class BaseStatement implements PreparedStatement {}

  abstract static class DriverStatement extends BaseStatement {}

  abstract static class PooledConnection implements Connection, DataSource {}

  @Test
  void aTypeInheritsTheBitsOfEveryWovenTypeAboveIt() {
    assertThat(index.superTypeBits(header(DriverStatement.class), loader)).isEqualTo(statement);
    assertThat(index.superTypeBits(header(PooledConnection.class), loader))
        .isEqualTo(connection | dataSource);
    assertThat(index.superTypeBits(header(Statement.class), loader)).isEqualTo(statement);
    assertThat(index.superTypeBits(header(String.class), loader)).isZero();
  }

  @Test
  void eachSuperTypeIsReadOncePerLoaderWhateverTheNumberOfItsSubtypes() {
    for (int round = 0; round < 3; round++) {
      index.superTypeBits(header(DriverStatement.class), loader);
      index.superTypeBits(header(BaseStatement.class), loader);
    }

    assertThat(read)
        .contains(
            internalName(BaseStatement.class),
            internalName(PreparedStatement.class),
            internalName(Statement.class),
            internalName(AutoCloseable.class))
        .doesNotHaveDuplicates();
  }

  @Test
  void aLoadedClassIsAnsweredFromItselfWithoutReadingClassFiles() {
    assertThat(index.superTypeBits(DriverStatement.class)).isEqualTo(statement);
    assertThat(index.superTypeBits(PooledConnection.class)).isEqualTo(connection | dataSource);
    assertThat(index.superTypeBits(String.class)).isZero();
    assertThat(index.superTypeBits(DriverStatement[].class)).as("an array").isZero();
    assertThat(read).isEmpty();

    assertThat(index.superTypeBits(header(BaseStatement.class), loader))
        .as("then known to the class-file path too")
        .isEqualTo(statement);
    assertThat(read).as("no super type read again").isEmpty();
  }

  @Test
  void theSameNameInTwoLoadersIsAnsweredForEachLoader() {
    ClassHeader woven = new ClassHeader("app/Same", "java/lang/Object", 
        List.of("java/sql/Statement"));
    ClassHeader plain = new ClassHeader("app/Same", "java/lang/Object", 
        List.of("java/lang/Runnable"));
    ClassLoader other = new URLClassLoader(new URL[0]);

    assertThat(index.superTypeBits(woven, loader)).isEqualTo(statement);
    assertThat(index.superTypeBits(plain, other)).isZero();
    assertThat(index.superTypeBits(plain, loader)).as("remembered for its loader")
        .isEqualTo(statement);
  }

  @Test
  void aJdkSuperTypeIsReadOnceForAllLoaders() {
    ClassHeader inOneLoader =
        new ClassHeader("app/One", "java/lang/Object", List.of("java/sql/PreparedStatement"));
    ClassHeader inAnother =
        new ClassHeader("app/Two", "java/lang/Object", List.of("java/sql/PreparedStatement"));

    assertThat(index.superTypeBits(inOneLoader, loader)).isEqualTo(statement);
    assertThat(index.superTypeBits(inAnother, new URLClassLoader(new URL[0]))).isEqualTo(statement);

    assertThat(read).containsOnlyOnce("java/sql/PreparedStatement", "java/sql/Statement");
  }

  @Test
  void aMissingSuperClassDoesNotHideTheInterfacesThatAreThere() {
    ClassWriter classFile = new ClassWriter(0);
    classFile.visit(
        Opcodes.V11,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT,
        "app/Child",
        null,
        "gone/Base",
        new String[] {"java/sql/Connection"});
    classFile.visitEnd();

    assertThat(index.superTypeBits(ClassHeader.of(classFile.toByteArray()), loader))
        .isEqualTo(connection);
  }

  @Test
  void aCyclicHierarchyEndsAsUnresolved() {
    SuperTypeIndex cyclic =
        new SuperTypeIndex(
            WOVEN, (name, loader) -> classFile(name, name.equals("app/A") ? "app/B" : "app/A"));

    assertThat(cyclic.superTypeBits(new ClassHeader("app/C", "app/A", List.of()), loader)).isZero();
  }

  private static byte[] classFile(String name, String superName) {
    ClassWriter classFile = new ClassWriter(0);
    classFile.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, name, null, superName, null);
    classFile.visitEnd();
    return classFile.toByteArray();
  }

  private ClassHeader header(Class<?> type) {
    try {
      return ClassHeader.of(SuperTypeIndex.ClassFiles.OF_LOADER.read(internalName(type), loader));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }
}
