package dev.hourglass.benchmarks.overhead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the {@code wrk} load generator (Debian package {@code wrk}) with the harness's Lua script. */
final class Wrk {
  private final Path script;
  private final int threads;
  private final int connections;

  Wrk(Path script, int threads, int connections) {
    this.script = script;
    this.threads = threads;
    this.connections = connections;
  }

  /** Drives {@code paths} in rotation against {@code port} for {@code seconds}; blocks until done. */
  WrkResult run(int port, int seconds, List<String> paths) throws IOException, InterruptedException {
    return run(port, seconds, connections, paths);
  }

  WrkResult run(int port, int seconds, int connectionCount, List<String> paths)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("wrk");
    command.add("-t" + Math.min(threads, connectionCount));
    command.add("-c" + connectionCount);
    command.add("-d" + seconds + "s");
    command.add("--latency");
    command.add("--timeout");
    command.add("10s");
    command.add("-s");
    command.add(script.toString());
    command.add("http://127.0.0.1:" + port);
    command.add("--");
    command.addAll(paths);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IOException("wrk exited with " + exit + ":\n" + output);
    }
    return WrkResult.parse(output);
  }

  String describe() {
    return "wrk -t" + threads + " -c" + connections + " --latency -s benchmarks/wrk/mix.lua";
  }
}
