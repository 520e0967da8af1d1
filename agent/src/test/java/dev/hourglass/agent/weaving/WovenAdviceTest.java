package dev.hourglass.agent.weaving;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import org.junit.jupiter.api.Test;

class WovenAdviceTest {
  static class CountingAdvice {
    @Advice.OnMethodExit
    static void onExit() {}
  }

  private final WovenAdvice advice = new WovenAdvice(getClass().getClassLoader(), handler());

  WovenAdviceTest() {
    advice.apply(named("run"), CountingAdvice.class.getName());
  }

  @Test
  void theAdviceIsResolvedOncePerClassLoader() {
    ClassLoader one = new URLClassLoader(new URL[0]);
    ClassLoader other = new URLClassLoader(new URL[0]);

    AsmVisitorWrapper first = advice.adviceFor(one);

    assertThat(advice.adviceFor(one)).isSameAs(first);
    assertThat(advice.adviceFor(other)).isNotSameAs(first);
    assertThat(advice.adviceFor(null)).as("the boot loader").isSameAs(advice.adviceFor(null));
  }

  @Test
  void aLoaderWhoseClassesWereWovenCanStillBeCollected() throws InterruptedException {
    WeakReference<ClassLoader> undeployed = resolveFor(new URLClassLoader(new URL[0]));

    for (int attempt = 0; attempt < 50 && undeployed.get() != null; attempt++) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(undeployed.get()).isNull();
  }

  private WeakReference<ClassLoader> resolveFor(ClassLoader loader) {
    assertThat(advice.adviceFor(loader)).isNotNull();
    return new WeakReference<>(loader);
  }

  private static Advice.ExceptionHandler handler() {
    return Advice.ExceptionHandler.Default.SUPPRESSING;
  }
}
