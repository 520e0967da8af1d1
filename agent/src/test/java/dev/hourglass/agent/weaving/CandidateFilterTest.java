package dev.hourglass.agent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;

class CandidateFilterTest {
  private final Module module = getClass().getModule();
  private final ClassLoader loader = getClass().getClassLoader();
  private final ClassLoader agentLoader = new java.net.URLClassLoader(new java.net.URL[0]);
  private final SuperTypeIndex index = new SuperTypeIndex(List.of(Statement.class.getName()));
  private final RecordingTransformer byteBuddy = new RecordingTransformer();
  private final CandidateFilter filter =
      new CandidateFilter(
          byteBuddy, index, index.bitsOf(List.of(Statement.class.getName())), agentLoader);

  abstract static class DriverStatement implements Statement {}

  @Test
  void aClassInheritingAWovenTypeGoesToByteBuddyWithItsModule() throws Exception {
    byte[] woven = offer(loader, DriverStatement.class, null);

    assertThat(byteBuddy.seen).containsExactly(name(DriverStatement.class) + " in " + module);
    assertThat(woven).isEqualTo(RecordingTransformer.WOVEN);
  }

  @Test
  void aClassThatCannotBeWovenNeverReachesByteBuddy() throws Exception {
    assertThat(offer(loader, CandidateFilterTest.class, null)).isNull();
    assertThat(filter.transform(module, loader, null, null, null, classFile(DriverStatement.class)))
        .as("a nameless class")
        .isNull();
    assertThat(offer(agentLoader, DriverStatement.class, null)).as("the agent's loader").isNull();

    assertThat(byteBuddy.seen).isEmpty();
  }

  @Test
  void redefinitionsAndUnreadableClassFilesAreLeftToByteBuddy() throws Exception {
    offer(loader, CandidateFilterTest.class, CandidateFilterTest.class);
    filter.transform(module, loader, "app/Broken", null, null, new byte[] {1, 2, 3});

    assertThat(byteBuddy.seen)
        .containsExactly(
            name(CandidateFilterTest.class) + " in " + module, "app/Broken in " + module);
  }

  @Test
  void aClassLoadingWhileTheFilterReadsAnotherIsLeftAlone() throws Exception {
    List<byte[]> nested = new ArrayList<>();
    SuperTypeIndex reentering =
        new SuperTypeIndex(
            List.of(Statement.class.getName()),
            (name, definingLoader) -> {
              // As when reading a super type's class file loads a JDK class for the first time.
              nested.add(offerTo(reentrant, loader, DriverStatement.class));
              return SuperTypeIndex.ClassFiles.OF_LOADER.read(name, definingLoader);
            });
    long wovenBits = reentering.bitsOf(List.of(Statement.class.getName()));
    reentrant = new CandidateFilter(byteBuddy, reentering, wovenBits, agentLoader);

    offerTo(reentrant, loader, DriverStatement.class);

    assertThat(nested).isNotEmpty().containsOnlyNulls();
    assertThat(byteBuddy.seen).containsExactly(name(DriverStatement.class) + " in " + module);
  }

  private CandidateFilter reentrant;

  private byte[] offerTo(CandidateFilter target, ClassLoader definingLoader, Class<?> type) {
    try {
      return target.transform(module, definingLoader, name(type), null, null, classFile(type));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private byte[] offer(ClassLoader definingLoader, Class<?> type, Class<?> redefined)
      throws Exception {
    return filter.transform(module, definingLoader, name(type), redefined, null, classFile(type));
  }

  private static String name(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private byte[] classFile(Class<?> type) throws IOException {
    return SuperTypeIndex.ClassFiles.OF_LOADER.read(name(type), loader);
  }

  /** Stands in for ByteBuddy's transformer: remembers what it was handed. */
  private static final class RecordingTransformer
      extends ResettableClassFileTransformer.AbstractBase {
    static final byte[] WOVEN = {42};
    final List<String> seen = new ArrayList<>();

    @Override
    public byte[] transform(
        Module module,
        ClassLoader loader,
        String className,
        Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain,
        byte[] classFile) {
      seen.add(className + " in " + module);
      return WOVEN;
    }

    @Override
    public Iterator<AgentBuilder.Transformer> iterator(
        TypeDescription typeDescription,
        ClassLoader classLoader,
        JavaModule module,
        Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain) {
      return List.<AgentBuilder.Transformer>of().iterator();
    }

    @Override
    public boolean reset(
        Instrumentation instrumentation,
        ResettableClassFileTransformer classFileTransformer,
        AgentBuilder.RedefinitionStrategy redefinitionStrategy,
        AgentBuilder.RedefinitionStrategy.DiscoveryStrategy redefinitionDiscoveryStrategy,
        AgentBuilder.RedefinitionStrategy.BatchAllocator redefinitionBatchAllocator,
        AgentBuilder.RedefinitionStrategy.Listener redefinitionListener) {
      return false;
    }
  }
}
