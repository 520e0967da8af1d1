package dev.hourglass.sample;

import static dev.hourglass.sample.TestHttp.countOwners;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inserts. Every test compares against what it reads itself, so the order the tests run in does not matter. */
class OwnerWriteEndpointsTest {

    private static SampleApp app;
    private static TestHttp http;

    @BeforeAll
    static void startApp() throws Exception {
        app = TestApps.start(OwnerWriteEndpointsTest.class);
        http = new TestHttp(app.baseUri());
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void postingAnOwnerCreatesItWithItsPetsAndPointsAtIt() throws Exception {
        HttpResponse<String> created = http.postForm("/db/owners", "name=Kim+Lee&city=Graz&pet=Rex&pet=Tom");

        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/owners/\\d+");
        long id = Long.parseLong(location.substring("/owners/".length()));
        String owner = "{\"id\":" + id + ",\"name\":\"Kim Lee\",\"city\":\"Graz\"}";
        assertThat(created.body()).isEqualTo(owner);
        assertThat(http.get(location).body()).isEqualTo(owner);
        assertThat(http.get("/db/n-plus-one?n=1000").body())
                .containsPattern("\\{\"id\":" + id + ",\"name\":\"Kim Lee\",\"city\":\"Graz\",\"pets\":"
                        + "\\[\\{\"id\":\\d+,\"name\":\"Rex\"},\\{\"id\":\\d+,\"name\":\"Tom\"}]}");
    }

    @Test
    void postingAnOwnerAcceptsQueryParametersAndNoPets() throws Exception {
        HttpResponse<String> created = http.post("/db/owners?name=Noa&city=Bergen");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).matches("\\{\"id\":\\d+,\"name\":\"Noa\",\"city\":\"Bergen\"}");
    }

    @Test
    void postingAnOwnerWithoutNameOrCityIs400AndStoresNothing() throws Exception {
        int before = countOwners(http.get("/db/owners").body());

        HttpResponse<String> noName = http.postForm("/db/owners", "city=Graz");
        HttpResponse<String> blankCity = http.postForm("/db/owners", "name=Kim&city=+");

        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).isEqualTo("Bad request: parameter 'name' is required\n");
        assertThat(blankCity.statusCode()).isEqualTo(400);
        assertThat(blankCity.body()).isEqualTo("Bad request: parameter 'city' is required\n");
        assertThat(countOwners(http.get("/db/owners").body())).isEqualTo(before);
    }

    @Test
    void postingAnOwnerWithMoreThanTenPetsIs400() throws Exception {
        String elevenPets = "name=Kim&city=Graz" + "&pet=P".repeat(11);

        HttpResponse<String> response = http.postForm("/db/owners", elevenPets);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Bad request: at most 10 values of parameter 'pet' are allowed, got 11\n");
    }

    @Test
    void batchInsertAddsExactlyNOwners() throws Exception {
        int before = countOwners(http.get("/db/owners").body());

        HttpResponse<String> response = http.post("/db/batch?n=7");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"inserted\":7}");
        String after = http.get("/db/owners").body();
        assertThat(countOwners(after)).isEqualTo(before + 7);
        assertThat(after).contains("\"name\":\"Batch owner 7 of 7\",\"city\":\"Batchton\"");
    }

    @Test
    void batchInsertRejectsARowCountOutside1To1000AndOnlyAcceptsPost() throws Exception {
        HttpResponse<String> response = http.post("/db/batch?n=1001");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("Bad request: parameter 'n' must be an integer between 1 and 1000, got '1001'\n");
        assertThat(http.get("/db/batch?n=1").statusCode()).isEqualTo(405);
    }
}
