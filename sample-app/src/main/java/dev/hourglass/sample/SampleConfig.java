package dev.hourglass.sample;

import dev.hourglass.sample.db.JdbcSettings;
import java.util.Map;

/**
 * Where the app listens and which database it uses. Command-line arguments win over environment variables,
 * which win over the defaults, so a script can export PORT once and still override it for one run.
 */
public record SampleConfig(String host, int port, JdbcSettings jdbc) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    static final String USAGE = "usage: java -jar sample-app.jar [--host HOST] [--port PORT]\n"
            + "  --port 0 picks a free port. Environment: PORT, SAMPLE_JDBC_URL, SAMPLE_JDBC_USER, SAMPLE_JDBC_PASSWORD";

    public SampleConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (jdbc == null) {
            throw new IllegalArgumentException("jdbc settings are required");
        }
    }

    /** Defaults for everything except the port, with the given database; what tests start. */
    public static SampleConfig onPort(int port, JdbcSettings jdbc) {
        return new SampleConfig(DEFAULT_HOST, port, jdbc);
    }

    /**
     * Reads {@code --host H}, {@code --port N} (also {@code --port=N}) and the environment.
     *
     * @throws IllegalArgumentException with a message meant for the person at the terminal
     */
    public static SampleConfig from(String[] args, Map<String, String> env) {
        String host = DEFAULT_HOST;
        int port = env.containsKey("PORT") ? parsePort(env.get("PORT"), "environment variable PORT") : DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value after " + arg);
            }
            switch (name) {
                case "--host" -> host = value;
                case "--port" -> port = parsePort(value, "--port");
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return new SampleConfig(host, port, JdbcSettings.fromEnvironment(env));
    }

    private static int parsePort(String text, String source) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below together with the out-of-range case
        }
        throw new IllegalArgumentException(source + " must be a port number between 0 and 65535, got '" + text + "'");
    }
}
