package dev.hourglass.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both downstream endpoints call this same app's /slow and report the status they got. */
class DownstreamEndpointsTest {

    private static SampleApp app;
    private static TestHttp http;

    @BeforeAll
    static void startApp() throws Exception {
        app = TestApps.start(DownstreamEndpointsTest.class);
        http = new TestHttp(app.baseUri());
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void jdkHttpClientCallsSlowAndReportsItsStatus() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.get("/downstream?ms=120");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("downstream GET /slow?ms=120 answered 200\n");
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    }

    @Test
    void httpUrlConnectionCallsSlowAndReportsItsStatus() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.get("/downstream/urlconnection?ms=120");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("downstream GET /slow?ms=120 answered 200\n");
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    }

    @Test
    void bothAsk100MillisecondsByDefault() throws Exception {
        assertThat(http.get("/downstream").body()).isEqualTo("downstream GET /slow?ms=100 answered 200\n");
        assertThat(http.get("/downstream/urlconnection").body())
                .isEqualTo("downstream GET /slow?ms=100 answered 200\n");
    }

    @Test
    void bothRejectABadDelayWithoutCallingAnything() throws Exception {
        assertThat(http.get("/downstream?ms=later").statusCode()).isEqualTo(400);
        assertThat(http.get("/downstream/urlconnection?ms=99999").statusCode()).isEqualTo(400);
    }
}
