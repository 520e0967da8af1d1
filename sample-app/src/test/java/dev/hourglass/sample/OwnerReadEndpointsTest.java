package dev.hourglass.sample;

import static dev.hourglass.sample.TestHttp.countOwners;
import static dev.hourglass.sample.TestHttp.countPets;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads against the freshly seeded database: 50 owners, 2 pets each, ids in seed order. */
class OwnerReadEndpointsTest {

    private static final String FIRST_TWO_OWNERS_WITH_PETS = "["
            + "{\"id\":1,\"name\":\"Ada Marsh\",\"city\":\"Lisbon\",\"pets\":"
            + "[{\"id\":1,\"name\":\"Biscuit\"},{\"id\":2,\"name\":\"Pepper\"}]},"
            + "{\"id\":2,\"name\":\"Brent Marsh\",\"city\":\"Oslo\",\"pets\":"
            + "[{\"id\":3,\"name\":\"Miso\"},{\"id\":4,\"name\":\"Juniper\"}]}"
            + "]";

    private static SampleApp app;
    private static TestHttp http;

    @BeforeAll
    static void startApp() throws Exception {
        app = TestApps.start(OwnerReadEndpointsTest.class);
        http = new TestHttp(app.baseUri());
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void ownerByIdReturnsThatOwnerAsJson() throws Exception {
        HttpResponse<String> response = http.get("/owners/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"id\":1,\"name\":\"Ada Marsh\",\"city\":\"Lisbon\"}");
        assertThat(http.get("/owners/50").body()).isEqualTo("{\"id\":50,\"name\":\"Jonas Moreau\",\"city\":\"Lisbon\"}");
    }

    @Test
    void ownerByIdIs404WhenThereIsNoSuchOwner() throws Exception {
        HttpResponse<String> response = http.get("/owners/9999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("No owner with id 9999\n");
    }

    @Test
    void ownerRoutesWithoutANumericIdAre404() throws Exception {
        for (String path : new String[] {"/owners", "/owners/", "/owners/abc", "/owners/0", "/owners/1/pets"}) {
            HttpResponse<String> response = http.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("Not found: expected /owners/{id} with a positive numeric id\n");
        }
    }

    @Test
    void cachedOwnerAnswersAsTheUncachedOneDoes_includingMissingOwners() throws Exception {
        for (int i = 0; i < 2; i++) { // a miss that loads, then a hit
            assertThat(http.get("/cached/owners/1").body()).isEqualTo(http.get("/owners/1").body());
            HttpResponse<String> missing = http.get("/cached/owners/9999");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("No owner with id 9999\n");
        }
        assertThat(http.get("/cached/owners/abc").statusCode()).isEqualTo(404);
    }

    @Test
    void dbOwnersListsAllFiftySeededOwnersInIdOrder() throws Exception {
        HttpResponse<String> response = http.get("/db/owners");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(countOwners(response.body())).isEqualTo(50);
        assertThat(response.body())
                .startsWith("[{\"id\":1,\"name\":\"Ada Marsh\",\"city\":\"Lisbon\"},{\"id\":2,")
                .endsWith("{\"id\":50,\"name\":\"Jonas Moreau\",\"city\":\"Lisbon\"}]");
    }

    @Test
    void nPlusOneReturnsTheFirstNOwnersEachWithTheirPets() throws Exception {
        HttpResponse<String> response = http.get("/db/n-plus-one?n=5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(countOwners(response.body())).isEqualTo(5);
        assertThat(countPets(response.body())).isEqualTo(10);
        assertThat(response.body()).contains("{\"id\":5,\"name\":\"Elif Marsh\",\"city\":\"Tartu\",\"pets\":[");
        assertThat(http.get("/db/n-plus-one?n=2").body()).isEqualTo(FIRST_TWO_OWNERS_WITH_PETS);
    }

    @Test
    void nPlusOneLoadsTwelveOwnersByDefaultAndStopsAtTheLastOwner() throws Exception {
        assertThat(countOwners(http.get("/db/n-plus-one").body())).isEqualTo(12);
        assertThat(countOwners(http.get("/db/n-plus-one?n=1000").body())).isEqualTo(50);
    }

    @Test
    void nPlusOneRejectsAnOwnerCountOutside1To1000() throws Exception {
        HttpResponse<String> response = http.get("/db/n-plus-one?n=0");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("Bad request: parameter 'n' must be an integer between 1 and 1000, got '0'\n");
        assertThat(http.get("/db/n-plus-one?n=1001").statusCode()).isEqualTo(400);
    }

    @Test
    void slowQuerySpendsTheRequestedMillisecondsInTheDatabase() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.get("/db/slow?ms=150");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("query slept 150 ms\n");
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void slowQueryRejectsABadDelay() throws Exception {
        assertThat(http.get("/db/slow?ms=forever").statusCode()).isEqualTo(400);
    }
}
