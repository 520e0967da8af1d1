package dev.hourglass.agent.weaving;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
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

  @Test
  void separateEnterAndExitClassesAreWovenAsOneAdviceWhoseExitSeesWhatTheEnterReturned()
      throws Exception {
    WovenAdvice split = new WovenAdvice(getClass().getClassLoader(), handler());
    split.apply(named("greet"), EnterAdvice.class.getName(), ExitAdvice.class.getName());
    Calls.seen.clear();

    Class<?> woven =
        new ByteBuddy()
            .redefine(Greeter.class)
            .name(Greeter.class.getName() + "Woven")
            .visit(split.adviceFor(getClass().getClassLoader()))
            .make()
            .load(getClass().getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
            .getLoaded();
    Object greeting =
        woven.getMethod("greet", String.class)
            .invoke(woven.getConstructor().newInstance(), "ada");

    assertThat(greeting).isEqualTo("hello ada");
    assertThat(Calls.seen).containsExactly("enter ada", "exit 7 hello ada");
  }

  /** What the advice below saw, in order. */
  public static class Calls {
    public static final List<String> seen = new ArrayList<>();
  }

  public static class Greeter {
    public String greet(String name) {
      return "hello " + name;
    }
  }

  public static class EnterAdvice {
    @Advice.OnMethodEnter
    public static int onEnter(@Advice.Argument(0) String name) {
      Calls.seen.add("enter " + name);
      return 7;
    }
  }

  public static class ExitAdvice {
    @Advice.OnMethodExit
    public static void onExit(@Advice.Enter int fromEnter, @Advice.Return String greeting) {
      Calls.seen.add("exit " + fromEnter + " " + greeting);
    }
  }

  private WeakReference<ClassLoader> resolveFor(ClassLoader loader) {
    assertThat(advice.adviceFor(loader)).isNotNull();
    return new WeakReference<>(loader);
  }

  private static Advice.ExceptionHandler handler() {
    return Advice.ExceptionHandler.Default.SUPPRESSING;
  }
}
