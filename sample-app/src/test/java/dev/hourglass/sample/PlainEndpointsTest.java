package dev.hourglass.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoints that touch neither the database nor the network: the index, fast, slow, failures. */
class PlainEndpointsTest {

    private static SampleApp app;
    private static TestHttp http;

    @BeforeAll
    static void startApp() throws Exception {
        app = TestApps.start(PlainEndpointsTest.class);
        http = new TestHttp(app.baseUri());
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void listensOnTheLoopbackAddressAndARealPort() {
        assertThat(app.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(app.port()).isPositive();
    }

    @Test
    void indexPageListsEveryEndpointWithItsMappingPattern() throws Exception {
        HttpResponse<String> response = http.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(response.body()).contains(
                "<code>/fast</code>", "<code>/slow</code>", "<code>/fail</code>", "<code>/boom</code>",
                "<code>/async</code>", "<code>/owners/*</code>", "<code>/cached/owners/*</code>", "<code>/db/owners</code>",
                "<code>/db/n-plus-one</code>", "<code>/db/slow</code>", "<code>/db/batch</code>",
                "<code>/downstream</code>", "<code>/downstream/urlconnection</code>",
                "curl -X POST '" + app.baseUri() + "/db/batch?n=10'");
    }

    @Test
    void fastAnswersAtOnce() throws Exception {
        HttpResponse<String> response = http.get("/fast");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
        assertThat(response.body()).isEqualTo("fast\n");
    }

    @Test
    void slowSleepsForTheRequestedMilliseconds() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.get("/slow?ms=150");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("slept 150 ms\n");
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void slowSleeps100MillisecondsByDefault() throws Exception {
        assertThat(http.get("/slow").body()).isEqualTo("slept 100 ms\n");
    }

    @Test
    void slowRejectsMillisecondsThatAreNotANumberOrOutOfRange() throws Exception {
        HttpResponse<String> notANumber = http.get("/slow?ms=soon");
        HttpResponse<String> tooLong = http.get("/slow?ms=60001");
        HttpResponse<String> negative = http.get("/slow?ms=-1");

        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body())
                .isEqualTo("Bad request: parameter 'ms' must be an integer between 0 and 60000, got 'soon'\n");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).endsWith("got '60001'\n");
        assertThat(negative.statusCode()).isEqualTo(400);
    }

    @Test
    void failAnswers500ThroughSendError() throws Exception {
        HttpResponse<String> response = http.get("/fail");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Server Error");
    }

    @Test
    void boomThrowsOutOfTheServletAndTheContainerAnswers500() throws Exception {
        HttpResponse<String> response = http.get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("java.lang.IllegalStateException: boom");
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertThat(http.get("/nope").statusCode()).isEqualTo(404);
        assertThat(http.get("/fast/extra").statusCode()).isEqualTo(404);
    }

    @Test
    void methodsAnEndpointDoesNotServeAre405() throws Exception {
        assertThat(http.post("/fast").statusCode()).isEqualTo(405);
    }
}
