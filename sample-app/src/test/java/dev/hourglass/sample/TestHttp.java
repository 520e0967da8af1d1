package dev.hourglass.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JDK HttpClient aimed at one running app, plus the small JSON counting the tests need. */
final class TestHttp {

    private static final Pattern PET = Pattern.compile("\\{\"id\":\\d+,\"name\":\"[^\"]*\"}");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    TestHttp(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET());
    }

    HttpResponse<String> post(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> postForm(String path, String urlEncodedForm) throws IOException, InterruptedException {
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncodedForm)));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Owners in a JSON body: every owner object, and only an owner object, has a "city". */
    static int countOwners(String json) {
        return count(Pattern.compile("\"city\":").matcher(json));
    }

    /** Pets in a JSON body: objects with exactly an id and a name. */
    static int countPets(String json) {
        return count(PET.matcher(json));
    }

    private static int count(Matcher matcher) {
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
