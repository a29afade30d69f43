package it.dev.kubenet.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.AuthService;
import dev.kubenet.common.testing.LibertyServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** tasks-service on a real Open Liberty with its real database, verifying tokens with a really running auth-service. */
class TasksServiceIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String URL = System.getProperty("tasks.url", "http://localhost:8000");
    /** How long tasks-service remembers auth-service's "yes" for a token (VerifiedTokens, token.cache.seconds). */
    private static final Duration TOKEN_CACHE = Duration.ofSeconds(10);

    @BeforeAll
    static void baseUri() {
        RestAssured.baseURI = URL;
    }

    private static String newUserToken() {
        return AuthService.tokenFor("user-" + UUID.randomUUID());
    }

    private static Response add(String token, String title, String text) {
        Map<String, String> body = new HashMap<>();
        body.put("title", title);
        body.put("text", text);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/tasks");
    }

    private static Response list(String token) {
        return list(token, "");
    }

    /** The query is sent as written: {@code %00} stays a NUL byte. */
    private static Response list(String token, String query) {
        return given().urlEncodingEnabled(false).auth().oauth2(token).when().get("/tasks" + query);
    }

    @Test
    void aNewUserHasNoTasks() {
        list(newUserToken()).then().statusCode(200)
                .body("message", equalTo("Tasks loaded."))
                .body("tasks", empty())
                .body("hasMore", equalTo(false));
    }

    @Test
    void addListDelete() {
        String token = newUserToken();
        Map<String, Object> created = add(token, "Buy milk", "2 litres").then()
                .statusCode(201)
                .body("message", equalTo("Task stored."))
                .body("createdTask.title", equalTo("Buy milk"))
                .body("createdTask.text", equalTo("2 litres"))
                .body("createdTask.createdAt", notNullValue())
                .extract().path("createdTask");
        int id = (Integer) created.get("id");
        add(token, "Walk the dog", null).then().statusCode(201).body("createdTask.text", equalTo(""));

        // Newest first. The list is read as columns, the 201 from the stored entity: both show the same task, to the
        // microsecond.
        list(token).then().statusCode(200)
                .body("tasks.title", equalTo(List.of("Walk the dog", "Buy milk")))
                .body("tasks[1]", equalTo(created))
                .body("hasMore", equalTo(false));

        given().auth().oauth2(token).when().delete("/tasks/" + id).then().statusCode(204);
        list(token).then().body("tasks.title", equalTo(List.of("Walk the dog")));
        given().auth().oauth2(token).when().delete("/tasks/" + id).then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void aUserNeitherSeesNorDeletesAnotherUsersTasks() {
        String ann = newUserToken();
        String bob = newUserToken();
        int annsTask = add(ann, "Ann's secret", "for Ann only").then().statusCode(201).extract().path("createdTask.id");

        list(bob).then().statusCode(200).body("tasks", empty());
        list(bob, "?before=" + (annsTask + 1)).then().statusCode(200).body("tasks", empty());
        given().auth().oauth2(bob).when().delete("/tasks/" + annsTask).then().statusCode(404);
        list(ann).then().body("tasks", hasSize(1));
    }

    @Test
    void theListComesInPagesOfAtMost100NewestFirst() {
        String token = newUserToken();
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            ids.add(add(token, "task " + i, "").then().statusCode(201).extract().path("createdTask.id"));
        }
        List<Integer> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);

        list(token).then().statusCode(200)
                .body("tasks.id", equalTo(newestFirst.subList(0, 100)))
                .body("hasMore", equalTo(true));
        // The next page starts below the last id seen.
        list(token, "?before=" + newestFirst.get(99)).then().statusCode(200)
                .body("tasks.title", equalTo(List.of("task 1")))
                .body("hasMore", equalTo(false));

        list(token, "?limit=2").then().body("tasks.title", equalTo(List.of("task 101", "task 100")))
                .body("hasMore", equalTo(true));
        // A task deleted between two pages makes no other task appear twice or not at all (with an offset of 2, the
        // second page would start at task 98).
        given().auth().oauth2(token).when().delete("/tasks/" + newestFirst.get(0)).then().statusCode(204);
        list(token, "?limit=2&before=" + newestFirst.get(1)).then()
                .body("tasks.title", equalTo(List.of("task 99", "task 98")));
        list(token, "?limit=100&before=" + newestFirst.get(98)).then()
                .body("tasks.title", equalTo(List.of("task 2", "task 1")))
                .body("hasMore", equalTo(false));
        list(token, "?before=0").then().body("tasks", empty()).body("hasMore", equalTo(false));
    }

    @Test
    void pageParametersThatAreNotWholeNumbersInRangeAre400() {
        String token = newUserToken();
        add(token, "kept", "").then().statusCode(201);
        for (String limit : List.of("0", "101", "1000000", "-1", "abc", "1.5", "", "%00", "1%20OR%201=1")) {
            list(token, "?limit=" + limit).then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("detail", equalTo("limit is a whole number from 1 to 100."))
                    .body("errors.field", equalTo(List.of("limit")));
        }
        for (String before : List.of("-1", "abc", "99999999999999999999", "1e3", "")) {
            list(token, "?before=" + before).then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("errors.field", equalTo(List.of("before")));
        }
        list(token, "?before=x&limit=0").then().statusCode(400)
                .body("errors.field", equalTo(List.of("before", "limit")));
        list(token).then().body("tasks.title", equalTo(List.of("kept")));
    }

    @Test
    void titleIsRequiredAndLengthsAreLimited() {
        String token = newUserToken();
        add(token, "   ", "x").then().statusCode(422).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("title")).body("detail", equalTo("Enter a title."));
        add(token, null, "x").then().statusCode(422).body("errors[0].field", equalTo("title"));
        add(token, "t".repeat(201), "x").then().statusCode(422);
        add(token, "ok", "x".repeat(2001)).then().statusCode(422).body("errors[0].field", equalTo("text"));
        add(token, "t".repeat(200), "x".repeat(2000)).then().statusCode(201);
        list(token).then().body("tasks", hasSize(1));
    }

    @Test
    void whatAUserTypedIsStoredAsText() {
        String token = newUserToken();
        String title = "<img src=x onerror=alert(1)> '; DROP TABLE tasks; -- ✓ 密码 \uD83D\uDE42";
        String text = "\"quoted\" \\ backslash\n\tsecond line";
        add(token, title, text).then().statusCode(201);
        list(token).then().body("tasks[0].title", equalTo(title)).body("tasks[0].text", equalTo(text));
    }

    @Test
    void controlCharactersAre422OnEveryDatabase() {
        String token = newUserToken();
        add(token, "nul\u0000byte", "").then().statusCode(422).body("errors[0].field", equalTo("title"));
        add(token, "ok", "bell\u0007").then().statusCode(422).body("errors[0].field", equalTo("text"));
        list(token).then().body("tasks", empty());
    }

    @Test
    void requestsWithoutAValidTokenAre401() {
        given().when().get("/tasks").then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("garbage").when().get("/tasks").then().statusCode(401)
                .body("detail", containsString("invalid or has expired"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/tasks").then().statusCode(401);
        String token = newUserToken();
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(tampered).when().get("/tasks").then().statusCode(401);
        given().auth().oauth2(tampered).contentType(ContentType.JSON).body("{\"title\":\"x\"}")
                .when().post("/tasks").then().statusCode(401);
        given().auth().oauth2(tampered).when().delete("/tasks/1").then().statusCode(401);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        // RFC 9110 §11.1; tasks-service forwards the token to auth-service, which must read it the same way.
        String token = newUserToken();
        given().header("Authorization", "bearer " + token).when().get("/tasks").then().statusCode(200);
        given().header("Authorization", "BEARER  " + token + " ").when().get("/tasks").then().statusCode(200);
        given().header("Authorization", "bearer " + token + ", bearer " + token).when().get("/tasks")
                .then().statusCode(401).body("detail", containsString("single 'Bearer <token>'"));
    }

    @Test
    void badRequestsGetTheCommonProblemFormat() {
        String token = newUserToken();
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":").when().post("/tasks")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        // A body that ends inside an unknown field kept a thread busy forever; JSON-B took an array's first element.
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"x\",\"y\":[")
                .when().post("/tasks").then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("[{\"title\":\"x\"}]").when().post("/tasks")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(token).accept("application/json;q=high").when().get("/tasks")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(token).contentType(ContentType.TEXT).body("title").when().post("/tasks")
                .then().statusCode(415).contentType(PROBLEM_JSON);
        given().auth().oauth2(token).when().put("/tasks").then().statusCode(405).contentType(PROBLEM_JSON);
        given().auth().oauth2(token).when().delete("/tasks/abc").then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(token).when().delete("/tasks/..%2F..%2Fetc").then().statusCode(404);
        given().when().get("/nothing-here").then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"" + "a".repeat(70_000) + "\"}")
                .when().post("/tasks").then().statusCode(413).contentType(PROBLEM_JSON);
        list(token).then().body("tasks", empty());
    }

    @Test
    void healthReportsTheDatabaseAndOpenApiIsServed() {
        given().when().get("/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
        given().when().get("/openapi").then().statusCode(200).body(containsString("/tasks"));
        given().when().get("/openapi/ui/").then().statusCode(200).contentType(containsString("text/html"));
    }

    @Test
    @Tag("restarts-servers")
    void everyTaskThatGot201SurvivesAKill9() {
        LibertyServer tasks = new LibertyServer("defaultServer", URL);
        String token = newUserToken();
        for (int i = 1; i <= 5; i++) {
            add(token, "task " + i, "").then().statusCode(201);
        }

        tasks.kill();
        tasks.start();

        list(token).then().statusCode(200)
                .body("tasks.title", equalTo(List.of("task 5", "task 4", "task 3", "task 2", "task 1")));
        add(token, "after restart", "").then().statusCode(201);
        list(token).then().body("tasks", hasSize(6));
    }

    @Test
    @Tag("restarts-servers")
    void withAuthServiceDownRequestsAre503QuicklyAndRecoverByThemselves() {
        String seen = newUserToken();
        String unseen = newUserToken();
        add(seen, "kept", "").then().statusCode(201);
        Instant lastVerified = Instant.now();
        AuthService.SERVER.stop();
        try {
            for (int i = 0; i < 12; i++) {
                Instant start = Instant.now();
                list(unseen).then().statusCode(503).contentType(PROBLEM_JSON)
                        .body("detail", containsString("authentication service is unavailable"));
                assertTrue(Duration.between(start, Instant.now()).toMillis() < 6000, "503 took too long");
            }
            // auth-service's last "yes" for the other token is trusted for token.cache.seconds, and no longer.
            Instant trustEnds = lastVerified.plus(TOKEN_CACHE).plus(Duration.ofSeconds(4));
            while (list(seen).statusCode() == 200) {
                assertTrue(Instant.now().isBefore(trustEnds), "a token was trusted long after auth-service went away");
                LibertyServer.sleep(200);
            }
            list(seen).then().statusCode(503).contentType(PROBLEM_JSON);
        } finally {
            AuthService.SERVER.start();
        }
        Instant deadline = Instant.now().plusSeconds(30);
        int status;
        do {
            status = list(seen).statusCode();
            if (status != 200) {
                LibertyServer.sleep(500);
            }
        } while (status != 200 && Instant.now().isBefore(deadline));
        assertEquals(200, status, "tasks-service did not recover after auth-service came back");
        list(seen).then().body("tasks.title", equalTo(List.of("kept")));
    }
}
