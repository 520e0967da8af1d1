package dev.hourglass.sample;

import dev.hourglass.sample.db.JdbcSettings;

/** Starts the app in-process on a free port, with a database of its own so test classes cannot interfere. */
final class TestApps {

    private TestApps() {
    }

    static SampleApp start(Class<?> testClass) throws Exception {
        return SampleApp.start(SampleConfig.onPort(0, JdbcSettings.h2InMemory(testClass.getSimpleName())));
    }
}
