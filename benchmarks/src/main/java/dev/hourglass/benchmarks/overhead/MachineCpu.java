package dev.hourglass.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy, from the first line of {@code /proc/stat}: user, nice,
 * system, irq, softirq and steal, in clock ticks summed over all cores. Subtracting the app's own
 * ticks tells how much else (wrk, other people's builds) ran during a measurement.
 */
final class MachineCpu {
  private MachineCpu() {}

  static long busyTicks() throws IOException {
    String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
    String[] fields = first.trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal
    long busy = 0;
    for (int index : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += Long.parseLong(fields[index]);
    }
    return busy;
  }
}
