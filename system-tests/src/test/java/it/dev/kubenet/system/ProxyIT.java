package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The system as a browser reaches it: everything through nginx on port 8090, the API under /api/. */
@ExtendWith(RunningSystem.class)
class ProxyIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    @BeforeAll
    static void throughNginx() {
        RestAssured.baseURI = RunningSystem.UI;
    }

    @Test
    void theWholeJourneyThroughTheProxy() {
        String email = "proxy-" + UUID.randomUUID() + "@example.com";
        Map<String, String> credentials = Map.of("email", email, "password", Secrets.password("correct horse"));
        given().contentType(ContentType.JSON).body(credentials).when().post("/api/users/signup")
                .then().statusCode(201).body("message", equalTo("User created!"));
        String token = Secrets.token(given().contentType(ContentType.JSON).body(credentials)
                .when().post("/api/users/login")
                .then().statusCode(200).extract().path("token"));

        int id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Through nginx", "text", "and back"))
                .when().post("/api/tasks")
                .then().statusCode(201).body("message", equalTo("Task stored.")).extract().path("createdTask.id");
        given().auth().oauth2(token).when().get("/api/tasks")
                .then().statusCode(200).body("tasks.title", equalTo(List.of("Through nginx")));
        // The query string goes through too: the page before this task is empty.
        given().auth().oauth2(token).when().get("/api/tasks?limit=1&before=" + id)
                .then().statusCode(200).body("tasks", empty()).body("hasMore", equalTo(false));
        given().auth().oauth2(token).when().delete("/api/tasks/" + id).then().statusCode(204);
        given().auth().oauth2(token).when().get("/api/tasks").then().statusCode(200).body("tasks", empty());
    }

    @Test
    void aTaskIsChangedAndFilteredThroughTheProxy() {
        Account ann = Account.signUp("proxy-patch");
        int id = given().auth().oauth2(ann.token()).contentType(ContentType.JSON).body(Map.of("title", "Typo"))
                .when().post("/api/tasks").then().statusCode(201).extract().path("createdTask.id");
        // nginx passes PATCH, its body and the merge-patch content type through to tasks-service.
        given().auth().oauth2(ann.token()).contentType("application/merge-patch+json")
                .body("{\"title\":\"Fixed\",\"done\":true}")
                .when().patch("/api/tasks/" + id)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("message", equalTo("Task updated."))
                .body("updatedTask.title", equalTo("Fixed")).body("updatedTask.done", equalTo(true));
        given().auth().oauth2(ann.token()).when().get("/api/tasks?done=true")
                .then().statusCode(200).body("tasks.title", equalTo(List.of("Fixed"))).body("total", equalTo(1));
        given().auth().oauth2(ann.token()).when().get("/api/tasks?done=false")
                .then().statusCode(200).body("tasks", empty()).body("total", equalTo(0));
        given().auth().oauth2(ann.token()).contentType("application/merge-patch+json").body("{\"title\":\"\"}")
                .when().patch("/api/tasks/" + id)
                .then().statusCode(422).contentType(PROBLEM_JSON).body("errors.field", equalTo(List.of("title")));
    }

    @Test
    void apiTasksArrivesAtTasksServiceAsTasks() {
        // tasks-service's own answer (its problem+json 401, its WWW-Authenticate), so the prefix /api was stripped.
        given().when().get("/api/tasks").then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("detail", containsString("Log in first"));
    }

    @Test
    void apiUsersLoginArrivesAtUsersServiceAsLogin() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "nobody@example.com", "password", Secrets.password("whatever1")))
                .when().post("/api/users/login")
                .then().statusCode(401).contentType(PROBLEM_JSON).body("detail", equalTo("Invalid email or password."));
    }

    @Test
    void anUnknownApiPathIsAJson404() {
        given().when().get("/api/no-such-thing").then().statusCode(404).contentType(PROBLEM_JSON);
        given().when().get("/api/users/no-such-thing").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    /** The name under which the page links a file of the UI, with the hash of its content (build-assets.sh). */
    static String asset(String file) {
        String page = given().get("/").then().statusCode(200).extract().asString();
        String name = file.substring(0, file.lastIndexOf('.'));
        String extension = file.substring(file.lastIndexOf('.') + 1);
        Matcher link = Pattern.compile("(?:src|href)=\"(" + name + "\\.[0-9a-f]{12}\\." + extension + ")\"").matcher(page);
        assertThat("the page links " + file + ":\n" + page, link.find());
        return "/" + link.group(1);
    }

    @Test
    void theUiPageIsTheAppAndIsAlwaysRevalidated() {
        given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(matchesPattern("(?s).*<script src=\"app\\.[0-9a-f]{12}\\.js\" defer></script>.*"))
                .header("Cache-Control", "no-cache");
    }

    @Test
    void theUisFilesHaveNamesThatChangeWithTheirContentAndAreKeptAYear() {
        for (String file : List.of("app.js", "styles.css", "favicon.svg")) {
            given().when().get(asset(file)).then().statusCode(200)
                    .header("Cache-Control", "max-age=31536000, immutable");
        }
        given().header("Accept-Encoding", "gzip").when().get(asset("app.js")).then().statusCode(200)
                .header("Content-Encoding", "gzip");
    }

    @Test
    void thePageHasAFavicon() {
        given().when().get("/").then().body(containsString("<link rel=\"icon\" type=\"image/svg+xml\""));
        given().when().get(asset("favicon.svg")).then().statusCode(200).contentType("image/svg+xml")
                .body(containsString("<svg"));
    }

    @Test
    void aMissingFileIsA404NotTheApp() {
        for (String path : List.of("/favicon.ico", "/x.png", "/app.js", "/styles.0123456789ab.css")) {
            given().header("Accept", "image/avif,image/webp,*/*").when().get(path)
                    .then().statusCode(404).contentType(PROBLEM_JSON).header("Cache-Control", "no-store");
        }
        // A script asking for a path with no extension gets no HTML page either.
        given().header("Accept", "application/json").when().get("/tasks/42").then().statusCode(404);
    }

    @Test
    void apiAnswersAreNeverStored() {
        Account account = Account.signUp("cache");
        given().when().get("/api/tasks").then().statusCode(401).header("Cache-Control", "no-store");
        given().auth().oauth2(account.token()).when().get("/api/tasks")
                .then().statusCode(200).header("Cache-Control", "no-store");
        given().auth().oauth2(account.token()).contentType(ContentType.JSON).body(Map.of("title", "not cached"))
                .when().post("/api/tasks").then().statusCode(201).header("Cache-Control", "no-store");
        given().when().get("/api/no-such-thing").then().statusCode(404).header("Cache-Control", "no-store");
    }

    static Stream<Arguments> everyKindOfAnswer() {
        Account account = Account.signUp("headers");
        return Stream.of(
                arguments("the UI page", (Supplier<Response>) () -> given().get("/")),
                arguments("the UI's script", (Supplier<Response>) () -> given().get(asset("app.js"))),
                arguments("the UI's stylesheet", (Supplier<Response>) () -> given().get(asset("styles.css"))),
                arguments("nginx's own 404 for a missing file", (Supplier<Response>) () -> given().get("/x.png")),
                arguments("an unknown page, answered with the UI", (Supplier<Response>) () -> given().get("/tasks/42")),
                arguments("a service's 200", (Supplier<Response>) () -> given().auth().oauth2(account.token())
                        .get("/api/tasks")),
                arguments("a service's 201", (Supplier<Response>) () -> given().auth().oauth2(account.token())
                        .contentType(ContentType.JSON).body(Map.of("title", "headers")).post("/api/tasks")),
                arguments("a service's 401", (Supplier<Response>) () -> given().get("/api/tasks")),
                arguments("a service's 404 for an unknown API path",
                        (Supplier<Response>) () -> given().get("/api/no-such-thing")),
                arguments("nginx's own 413", (Supplier<Response>) () -> given().contentType(ContentType.JSON)
                        .body("{\"title\":\"" + "a".repeat(100_000) + "\"}").post("/api/tasks")));
    }

    /** nginx's 429 and 503 are checked where they happen: RateLimitIT and UpstreamDownIT. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfAnswer")
    void everyAnswerCarriesTheSecurityHeadersOnce(String what, Supplier<Response> request) {
        Response response = request.get();
        assertAll(
                () -> assertEquals(1, response.headers().getValues("Content-Security-Policy").size(), "one CSP"),
                () -> assertThat(response.header("Content-Security-Policy"), allOf(
                        containsString("default-src 'self'"), containsString("script-src 'self'"),
                        containsString("object-src 'none'"), containsString("base-uri 'self'"),
                        containsString("frame-ancestors 'none'"), not(containsString("unsafe-inline")),
                        not(containsString("unsafe-eval")))),
                () -> assertEquals(List.of("nosniff"), response.headers().getValues("X-Content-Type-Options")),
                () -> assertEquals(List.of("no-referrer"), response.headers().getValues("Referrer-Policy")),
                () -> assertEquals("nginx", response.header("Server"), "no version in the Server header"));
    }

    @Test
    void anUnknownPageGetsTheUi() {
        given().when().get("/tasks/42").then().statusCode(200).body(containsString("kubenet tasks"));
        given().header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").when().get("/tasks/42")
                .then().statusCode(200).body(containsString("kubenet tasks"));
    }

    @Test
    void aBodyOverTheLimitIsAJson413FromNginx() {
        given().contentType(ContentType.JSON).body("{\"title\":\"" + "a".repeat(100_000) + "\"}")
                .when().post("/api/tasks")
                .then().statusCode(413).contentType(PROBLEM_JSON).body("status", equalTo(413));
    }
}
