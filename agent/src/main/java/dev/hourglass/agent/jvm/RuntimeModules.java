package dev.hourglass.agent.jvm;

/**
 * Which JDK modules this runtime has. A runtime image made with {@code jlink} (common in container
 * images) may lack the modules behind optional features, e.g. {@code java.se} alone has neither
 * {@code jdk.management} nor {@code jdk.httpserver}: those features stand down, the rest runs.
 */
public final class RuntimeModules {
  private RuntimeModules() {}

  public static boolean has(String module) {
    return ModuleLayer.boot().findModule(module).isPresent();
  }
}
