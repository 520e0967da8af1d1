package dev.hourglass.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command that is expected to finish quickly (initdb, pg_ctl) and reports its output when it fails. */
final class ShortCommand {

  private ShortCommand() {}

  /**
   * Runs {@code command} in {@code workDir} and returns its combined output.
   *
   * @throws IllegalStateException if it exits non-zero or runs past {@code timeout} (it is then killed)
   */
  static String run(List<String> command, Path workDir, Duration timeout) {
    try {
      // Output goes to a file, not a pipe: pg_ctl leaves a daemon behind, and a daemon that inherited our pipe
      // would keep it open, so reading to end-of-stream could wait for the server to stop.
      Path outputFile = Files.createTempFile("command-", ".out");
      try {
        Process process = new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(outputFile.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
          process.destroyForcibly();
        }
        String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        if (!finished) {
          throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command)
              + "\n" + output);
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException("exit code " + process.exitValue() + ": " + String.join(" ", command)
              + "\n" + output);
        }
        return output;
      } finally {
        Files.deleteIfExists(outputFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
