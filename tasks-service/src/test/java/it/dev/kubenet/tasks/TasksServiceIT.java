package it.dev.kubenet.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.AuthService;
import dev.kubenet.common.testing.LibertyServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
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
    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";
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
                .body("hasMore", equalTo(false))
                .body("total", equalTo(0));
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
                .body("hasMore", equalTo(true))
                .body("total", equalTo(101));
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
                .body("hasMore", equalTo(false))
                .body("total", equalTo(100));
        list(token, "?before=0").then().body("tasks", empty()).body("hasMore", equalTo(false));
    }

    /** The body goes as UTF-8 bytes: RestAssured would encode text of a content type it does not know in ISO-8859-1. */
    private static Response change(String token, Object id, String contentType, String body) {
        return given().auth().oauth2(token).contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .when().patch("/tasks/" + id);
    }

    private static Response change(String token, Object id, String body) {
        return change(token, id, MERGE_PATCH_JSON, body);
    }

    @Test
    void aTaskIsEditedAndMarkedDoneAndOpenAgainWithAMergePatch() {
        String token = newUserToken();
        int id = add(token, "Buy milk", "2 litres").then().statusCode(201)
                .body("createdTask.done", equalTo(false)).extract().path("createdTask.id");
        String createdAt = list(token).then().body("tasks[0].done", equalTo(false)).extract().path("tasks[0].createdAt");

        change(token, id, "{\"done\":true}").then().statusCode(200).contentType(ContentType.JSON)
                .body("message", equalTo("Task updated."))
                .body("updatedTask", equalTo(Map.of("id", id, "title", "Buy milk", "text", "2 litres",
                        "createdAt", createdAt, "done", true)));
        // What a member leaves out stays: only the title changes, the task stays done.
        change(token, id, "{\"title\":\"  Buy oat milk \"}").then().statusCode(200)
                .body("updatedTask.title", equalTo("Buy oat milk"))
                .body("updatedTask.text", equalTo("2 litres"))
                .body("updatedTask.done", equalTo(true));
        // application/json is taken too; a null text clears it, as a POST without text stores none.
        change(token, id, "application/json", "{\"text\":null,\"done\":false}").then().statusCode(200)
                .body("updatedTask.text", equalTo("")).body("updatedTask.done", equalTo(false));
        change(token, id, "{}").then().statusCode(200).body("updatedTask.title", equalTo("Buy oat milk"));

        list(token).then().body("tasks", equalTo(List.of(Map.of("id", id, "title", "Buy oat milk", "text", "",
                "createdAt", createdAt, "done", false))));
    }

    @Test
    void aUserCannotChangeAnotherUsersTaskOrOneThatIsNotThere() {
        String ann = newUserToken();
        String bob = newUserToken();
        int annsTask = add(ann, "Ann's task", "hers").then().statusCode(201).extract().path("createdTask.id");

        change(bob, annsTask, "{\"title\":\"Bob was here\",\"done\":true}").then().statusCode(404)
                .contentType(PROBLEM_JSON).body("detail", equalTo("You have no task with id " + annsTask + "."));
        change(ann, 999_999_999_999L, "{\"done\":true}").then().statusCode(404).contentType(PROBLEM_JSON);
        change(ann, "abc", "{\"done\":true}").then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(ann).contentType(MERGE_PATCH_JSON).body("{\"done\":true}").when().patch("/tasks")
                .then().statusCode(405).contentType(PROBLEM_JSON);
        list(ann).then().body("tasks[0].title", equalTo("Ann's task")).body("tasks[0].done", equalTo(false));
    }

    @Test
    void aChangeFollowsThePostsRules() {
        String token = newUserToken();
        int id = add(token, "kept", "as it was").then().statusCode(201).extract().path("createdTask.id");

        change(token, id, "{\"title\":\"   \"}").then().statusCode(422).contentType(PROBLEM_JSON)
                .body("detail", equalTo("Enter a title.")).body("errors.field", equalTo(List.of("title")));
        change(token, id, "{\"title\":null}").then().statusCode(422).body("errors.field", equalTo(List.of("title")));
        change(token, id, "{\"title\":\"" + "t".repeat(201) + "\"}").then().statusCode(422)
                .body("detail", equalTo("A title has at most 200 characters."));
        change(token, id, "{\"text\":\"" + "x".repeat(2001) + "\",\"done\":true}").then().statusCode(422)
                .body("errors.field", equalTo(List.of("text")));
        change(token, id, "{\"title\":\"nul\\u0000\",\"text\":\"bell\\u0007\"}").then().statusCode(422)
                .body("errors.field", equalTo(List.of("text", "title")));
        // The wrong JSON type, or a member a task does not have, is a 400 naming it.
        change(token, id, "{\"done\":\"true\"}").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors", equalTo(List.of(Map.of("field", "done", "message", "done is true or false."))));
        change(token, id, "{\"title\":42,\"text\":[]}").then().statusCode(400)
                .body("errors.field", equalTo(List.of("title", "text")));
        change(token, id, "{\"titel\":\"typo\"}").then().statusCode(400)
                .body("detail", equalTo("A task has no \"titel\": a change names any of title, text and done."));
        change(token, id, "{\"title\":\"a\\ud800\"}").then().statusCode(400)
                .body("detail", containsString("lone UTF-16 surrogate"));
        // A body that is no JSON object, none at all, or too large.
        change(token, id, "{\"done\":").then().statusCode(400).contentType(PROBLEM_JSON);
        change(token, id, "[{\"done\":true}]").then().statusCode(400).contentType(PROBLEM_JSON);
        // A merge patch of null would replace the task by nothing (RFC 7396): no object, no change.
        change(token, id, "null").then().statusCode(400).contentType(PROBLEM_JSON);
        change(token, id, "").then().statusCode(400).contentType(PROBLEM_JSON);
        change(token, id, "{\"text\":\"" + "a".repeat(70_000) + "\"}").then().statusCode(413)
                .contentType(PROBLEM_JSON);
        change(token, id, "text/plain", "{\"done\":true}").then().statusCode(415).contentType(PROBLEM_JSON);
        change(token, id, "application/json-patch+json", "{\"done\":true}").then().statusCode(415)
                .contentType(PROBLEM_JSON);
        // A JSON Patch (RFC 6902) is an array: refused as no JSON object before its content type is looked at.
        change(token, id, "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/done\",\"value\":true}]")
                .then().statusCode(400).contentType(PROBLEM_JSON);

        list(token).then().body("tasks", equalTo(List.of(Map.of("id", id, "title", "kept", "text", "as it was",
                "createdAt", list(token).path("tasks[0].createdAt"), "done", false))));
    }

    @Test
    void limitsCountCharactersNotUtf16UnitsOnEveryDatabase() {
        String token = newUserToken();
        String emoji = "\uD83D\uDE42";
        int id = add(token, emoji.repeat(200), emoji.repeat(2000)).then().statusCode(201)
                .body("createdTask.title", equalTo(emoji.repeat(200))).extract().path("createdTask.id");
        add(token, emoji.repeat(201), "").then().statusCode(422).body("errors.field", equalTo(List.of("title")));
        add(token, "ok", emoji.repeat(2001)).then().statusCode(422).body("errors.field", equalTo(List.of("text")));
        change(token, id, "{\"title\":\"" + "\uD840\uDC0B".repeat(200) + "\"}").then().statusCode(200);
        change(token, id, "{\"title\":\"" + emoji.repeat(201) + "\"}").then().statusCode(422);
        list(token).then().body("tasks[0].title", equalTo("\uD840\uDC0B".repeat(200)))
                .body("tasks[0].text", equalTo(emoji.repeat(2000)));
    }

    @Test
    void theListFiltersByDoneAndPagesWithinTheFilterWithItsTotal() {
        String token = newUserToken();
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            ids.add(add(token, "task " + i, "").then().statusCode(201).extract().path("createdTask.id"));
        }
        for (int i : List.of(2, 3, 5, 7)) {
            change(token, ids.get(i - 1), "{\"done\":true}").then().statusCode(200);
        }

        list(token).then().body("tasks", hasSize(7)).body("total", equalTo(7));
        list(token, "?done=true").then().statusCode(200)
                .body("tasks.title", equalTo(List.of("task 7", "task 5", "task 3", "task 2")))
                .body("tasks.done", everyItem(equalTo(true)))
                .body("total", equalTo(4)).body("hasMore", equalTo(false));
        list(token, "?done=false").then().body("tasks.title", equalTo(List.of("task 6", "task 4", "task 1")))
                .body("total", equalTo(3));
        // Pages of done tasks, each ending at the last id seen; the total is the filter's on every page.
        list(token, "?done=true&limit=2").then().body("tasks.title", equalTo(List.of("task 7", "task 5")))
                .body("hasMore", equalTo(true)).body("total", equalTo(4));
        list(token, "?done=true&limit=2&before=" + ids.get(4)).then()
                .body("tasks.title", equalTo(List.of("task 3", "task 2")))
                .body("hasMore", equalTo(false)).body("total", equalTo(4));
        // A task marked open meanwhile leaves the done pages, and no other task appears twice or not at all.
        change(token, ids.get(2), "{\"done\":false}").then().statusCode(200);
        list(token, "?done=true&limit=2&before=" + ids.get(4)).then().body("tasks.title", equalTo(List.of("task 2")))
                .body("total", equalTo(3));

        for (String done : List.of("yes", "TRUE", "1", "", "%00")) {
            list(token, "?done=" + done).then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("errors", equalTo(List.of(Map.of("field", "done", "message", "done is true or false."))));
        }
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
        given().when().get("/openapi?format=JSON").then().statusCode(200)
                .body("paths.'/tasks/{id}'.patch.requestBody.content", hasKey(MERGE_PATCH_JSON))
                .body("paths.'/tasks/{id}'.patch.responses", hasKey("200"))
                .body("paths.'/tasks'.get.parameters.name", hasItem("done"));
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
