package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
        Map<String, String> credentials = Map.of("email", email, "password", "correct horse");
        given().contentType(ContentType.JSON).body(credentials).when().post("/api/users/signup")
                .then().statusCode(201).body("message", equalTo("User created!"));
        String token = given().contentType(ContentType.JSON).body(credentials).when().post("/api/users/login")
                .then().statusCode(200).extract().path("token");

        int id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Through nginx", "text", "and back"))
                .when().post("/api/tasks")
                .then().statusCode(201).body("message", equalTo("Task stored.")).extract().path("createdTask.id");
        given().auth().oauth2(token).when().get("/api/tasks")
                .then().statusCode(200).body("tasks.title", equalTo(List.of("Through nginx")));
        given().auth().oauth2(token).when().delete("/api/tasks/" + id).then().statusCode(204);
        given().auth().oauth2(token).when().get("/api/tasks").then().statusCode(200).body("tasks", empty());
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
        given().contentType(ContentType.JSON).body(Map.of("email", "nobody@example.com", "password", "whatever1"))
                .when().post("/api/users/login")
                .then().statusCode(401).contentType(PROBLEM_JSON).body("detail", equalTo("Invalid email or password."));
    }

    @Test
    void anUnknownApiPathIsAJson404() {
        given().when().get("/api/no-such-thing").then().statusCode(404).contentType(PROBLEM_JSON);
        given().when().get("/api/users/no-such-thing").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void theUiIsServedWithSecurityHeaders() {
        given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<script src=\"app.js\" defer></script>"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache");
        given().when().get("/api/tasks").then()
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("default-src 'self'"));
    }

    @Test
    void assetsAreCachedAndCompressed() {
        given().header("Accept-Encoding", "gzip").when().get("/app.js").then().statusCode(200)
                .header("Content-Encoding", "gzip")
                .header("Cache-Control", "max-age=3600");
    }

    @Test
    void anUnknownPageGetsTheUi() {
        given().when().get("/tasks/42").then().statusCode(200).body(containsString("kubenet tasks"));
    }

    @Test
    void aBodyOverTheLimitIsAJson413FromNginx() {
        given().contentType(ContentType.JSON).body("{\"title\":\"" + "a".repeat(100_000) + "\"}")
                .when().post("/api/tasks")
                .then().statusCode(413).contentType(PROBLEM_JSON).body("status", equalTo(413));
    }
}
