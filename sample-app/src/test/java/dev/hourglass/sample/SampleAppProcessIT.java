package dev.hourglass.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shaded jar as a user runs it: {@code java -jar sample-app.jar}, on the JDK running the build and on
 * JDK 25 when it is installed. Runs in the integration-test phase, after the jar has been built.
 */
class SampleAppProcessIT {

    private static final Pattern LISTENING = Pattern.compile("Sample app listening on (http://127\\.0\\.0\\.1:(\\d+))");
    /** 128 + SIGTERM: the JVM ran its shutdown hooks and exited because of the signal. */
    private static final int EXIT_ON_SIGTERM = 143;

    static Stream<Path> javaExecutables() {
        List<Path> javas = new ArrayList<>();
        javas.add(Path.of(System.getProperty("java.home"), "bin", "java"));
        String jdk25 = System.getProperty("jdk25.home", "");
        Path java25 = Path.of(jdk25, "bin", "java");
        if (!jdk25.isBlank() && Files.isExecutable(java25)) {
            javas.add(java25);
        }
        return javas.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaExecutables")
    void printsOneListeningLineServesRequestsAndStopsOnSigterm(Path java) throws Exception {
        Process process = new ProcessBuilder(java.toString(), "-jar", sampleJar().toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader stdout = reader(process)) {
            String firstLine = readLine(stdout);
            Matcher listening = LISTENING.matcher(firstLine);
            assertThat(listening.matches()).as("first stdout line: %s", firstLine).isTrue();
            assertThat(Integer.parseInt(listening.group(2))).isPositive();

            TestHttp http = new TestHttp(URI.create(listening.group(1)));
            assertThat(http.get("/fast").body()).isEqualTo("fast\n");
            assertThat(TestHttp.countOwners(http.get("/db/n-plus-one?n=3").body())).isEqualTo(3);
            assertThat(http.get("/db/slow?ms=10").statusCode()).isEqualTo(200);
            assertThat(http.get("/downstream?ms=10").statusCode()).isEqualTo(200);

            // SIGTERM on Unix. Through the handle, because Process.destroy() also closes our end of stdout.
            process.toHandle().destroy();

            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s of SIGTERM").isTrue();
            assertThat(process.exitValue()).isEqualTo(EXIT_ON_SIGTERM);
            assertThat(readLine(stdout)).as("nothing else on stdout").isNull();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void takesThePortFromThePortEnvironmentVariable() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(javaExecutables().findFirst().orElseThrow().toString(), "-jar",
                sampleJar().toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PORT", "0");
        Process process = builder.start();
        try (BufferedReader stdout = reader(process)) {
            assertThat(readLine(stdout)).matches(LISTENING).doesNotEndWith(":8080");
        } finally {
            process.destroy();
            process.waitFor(15, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    @Test
    void exitsWith2AndUsageOnABadArgument() throws Exception {
        Process process = new ProcessBuilder(javaExecutables().findFirst().orElseThrow().toString(), "-jar",
                sampleJar().toString(), "--port", "eighty").start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(stderr).contains("--port must be a port number between 0 and 65535, got 'eighty'", "usage:");
            assertThat(process.getInputStream().readAllBytes()).isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }

    private static Path sampleJar() {
        Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar"));
        assumeTrue(Files.isRegularFile(jar), "the shaded jar is built in the package phase: " + jar);
        return jar;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The next stdout line, or null at end of stream; fails instead of hanging when the app says nothing. */
    private static String readLine(BufferedReader stdout) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return line.get(30, TimeUnit.SECONDS);
    }
}
