package dev.hourglass.agent;

/** Heap used after full collections, for tests that state a memory budget. */
public final class UsedHeap {
  private UsedHeap() {}

  public static long afterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    // A few rounds: one System.gc() may leave garbage that the next one frees.
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
