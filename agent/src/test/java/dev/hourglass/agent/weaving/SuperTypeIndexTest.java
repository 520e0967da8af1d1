package dev.hourglass.agent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class SuperTypeIndexTest {
  private static final List<String> WOVEN =
      List.of(Statement.class.getName(), Connection.class.getName(), DataSource.class.getName());

  private final SuperTypeIndex index = new SuperTypeIndex(WOVEN);
  private final long statement = index.bitsOf(List.of(Statement.class.getName()));
  private final long connection = index.bitsOf(List.of(Connection.class.getName()));
  private final long dataSource = index.bitsOf(List.of(DataSource.class.getName()));
  private final ClassLoader loader = new URLClassLoader(new URL[0]);

  abstract static class BaseStatement implements PreparedStatement {}

  abstract static class DriverStatement extends BaseStatement {}

  abstract static class PooledConnection implements Connection, DataSource {}

  @Test
  void aTypeInheritsTheBitsOfEveryWovenTypeAboveIt() {
    TypePool pool = TypePool.Default.of(getClass().getClassLoader());

    assertThat(index.superTypeBits(pool.describe(DriverStatement.class.getName()).resolve(), loader))
        .isEqualTo(statement);
    assertThat(index.superTypeBits(pool.describe(PooledConnection.class.getName()).resolve(), loader))
        .isEqualTo(connection | dataSource);
    assertThat(index.superTypeBits(pool.describe(Statement.class.getName()).resolve(), loader))
        .isEqualTo(statement);
    assertThat(index.superTypeBits(pool.describe(String.class.getName()).resolve(), loader)).isZero();
  }

  @Test
  void eachSuperTypeIsReadOncePerLoaderWhateverTheNumberOfItsSubtypes() {
    CountingLocator classFiles = new CountingLocator(getClass().getClassLoader());
    TypePool pool = new TypePool.Default.WithLazyResolution(
        TypePool.CacheProvider.NoOp.INSTANCE, classFiles, TypePool.Default.ReaderMode.FAST);

    for (int round = 0; round < 3; round++) {
      index.superTypeBits(pool.describe(DriverStatement.class.getName()).resolve(), loader);
      index.superTypeBits(pool.describe(BaseStatement.class.getName()).resolve(), loader);
    }

    // The pool caches nothing, as ByteBuddy's default pool caches nothing from class to class.
    assertThat(classFiles.located)
        .contains(
            BaseStatement.class.getName(),
            PreparedStatement.class.getName(),
            Statement.class.getName(),
            AutoCloseable.class.getName())
        .doesNotHaveDuplicates();
  }

  @Test
  void theSameNameInTwoLoadersIsAnsweredForEachLoader() {
    TypeDescription woven = namedType("app.Same", Statement.class);
    TypeDescription plain = namedType("app.Same", Runnable.class);
    ClassLoader other = new URLClassLoader(new URL[0]);

    assertThat(index.superTypeBits(woven, loader)).isEqualTo(statement);
    assertThat(index.superTypeBits(plain, other)).isZero();
    assertThat(index.superTypeBits(plain, loader)).as("remembered for its loader").isEqualTo(statement);
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
    byte[] child = classFile.toByteArray();
    TypePool pool =
        TypePool.Default.of(
            new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of("app.Child", child),
                ClassFileLocator.ForClassLoader.of(getClass().getClassLoader())));

    assertThat(index.superTypeBits(pool.describe("app.Child").resolve(), loader)).isEqualTo(connection);
  }

  private static TypeDescription namedType(String name, Class<?> implemented) {
    return new ByteBuddy()
        .subclass(Object.class)
        .name(name)
        .implement(implemented)
        .make()
        .getTypeDescription();
  }

  /** Reads class files from a loader and remembers which it was asked for. */
  private static final class CountingLocator implements ClassFileLocator {
    final List<String> located = new ArrayList<>();
    private final ClassFileLocator delegate;

    CountingLocator(ClassLoader loader) {
      this.delegate = ClassFileLocator.ForClassLoader.of(loader);
    }

    @Override
    public Resolution locate(String name) throws IOException {
      located.add(name);
      return delegate.locate(name);
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
