package dev.hourglass.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.sample.db.JdbcSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleConfigTest {

    private static final String[] NO_ARGS = {};

    @Test
    void defaultsToLoopbackPort8080AndInMemoryH2() {
        SampleConfig config = SampleConfig.from(NO_ARGS, Map.of());

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.jdbc()).isEqualTo(new JdbcSettings("jdbc:h2:mem:sample;DB_CLOSE_DELAY=-1", "sa", ""));
    }

    @Test
    void takesThePortFromThePortEnvironmentVariable() {
        assertThat(SampleConfig.from(NO_ARGS, Map.of("PORT", "9090")).port()).isEqualTo(9090);
    }

    @Test
    void portArgumentWinsOverTheEnvironmentInBothSpellings() {
        Map<String, String> env = Map.of("PORT", "9090");

        assertThat(SampleConfig.from(new String[] {"--port", "0"}, env).port()).isZero();
        assertThat(SampleConfig.from(new String[] {"--port=7070"}, env).port()).isEqualTo(7070);
    }

    @Test
    void hostArgumentChangesTheBindAddress() {
        assertThat(SampleConfig.from(new String[] {"--host", "0.0.0.0"}, Map.of()).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void rejectsPortsThatAreNotPortNumbers() {
        assertThatThrownBy(() -> SampleConfig.from(new String[] {"--port", "http"}, Map.of()))
                .hasMessage("--port must be a port number between 0 and 65535, got 'http'");
        assertThatThrownBy(() -> SampleConfig.from(NO_ARGS, Map.of("PORT", "70000")))
                .hasMessage("environment variable PORT must be a port number between 0 and 65535, got '70000'");
    }

    @Test
    void rejectsUnknownArgumentsAndMissingValues() {
        assertThatThrownBy(() -> SampleConfig.from(new String[] {"--verbose", "yes"}, Map.of()))
                .hasMessage("unknown argument --verbose");
        assertThatThrownBy(() -> SampleConfig.from(new String[] {"--port"}, Map.of()))
                .hasMessage("missing value after --port");
    }

    @Test
    void jdbcEnvironmentVariablesSelectAnotherDatabase() {
        Map<String, String> env = Map.of(
                "SAMPLE_JDBC_URL", "jdbc:postgresql://localhost/sample",
                "SAMPLE_JDBC_USER", "app",
                "SAMPLE_JDBC_PASSWORD", "secret");

        assertThat(SampleConfig.from(NO_ARGS, env).jdbc())
                .isEqualTo(new JdbcSettings("jdbc:postgresql://localhost/sample", "app", "secret"));
    }

    @Test
    void jdbcSettingsNeverPrintThePassword() {
        assertThat(new JdbcSettings("jdbc:postgresql://db/sample", "app", "secret").toString())
                .doesNotContain("secret")
                .contains("password=***");
    }
}
