package dev.hourglass.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The kernel's clock ticks per second ({@code getconf CLK_TCK}), the unit of /proc CPU times. */
public final class ClockTicks {
  public static final long PER_SECOND = read();

  private ClockTicks() {}

  private static long read() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      getconf.waitFor();
      return Long.parseLong(output.trim());
    } catch (IOException | NumberFormatException e) {
      return 100; // the value on every mainstream Linux architecture
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
