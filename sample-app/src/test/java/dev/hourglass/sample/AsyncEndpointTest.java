package dev.hourglass.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AsyncEndpointTest {

    private static SampleApp app;
    private static TestHttp http;

    @BeforeAll
    static void startApp() throws Exception {
        app = TestApps.start(AsyncEndpointTest.class);
        http = new TestHttp(app.baseUri());
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void completesFromAnotherThreadAfterTheRequestedMilliseconds() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.get("/async?ms=150");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("completed asynchronously after 150 ms\n");
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void waits100MillisecondsByDefault() throws Exception {
        assertThat(http.get("/async").body()).isEqualTo("completed asynchronously after 100 ms\n");
    }

    @Test
    void rejectsABadDelayBeforeGoingAsync() throws Exception {
        HttpResponse<String> response = http.get("/async?ms=x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("Bad request: parameter 'ms' must be an integer between 0 and 60000, got 'x'\n");
    }
}
