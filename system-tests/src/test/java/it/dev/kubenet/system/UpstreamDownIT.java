package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.kubenet.common.testing.LibertyServer;
import dev.kubenet.common.testing.Poll;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service that is down entirely: nginx itself answers, in the services' JSON format, not with an HTML page; and a
 * service started while auth-service is down still becomes ready, and works once auth-service is back.
 */
@ExtendWith(RunningSystem.class)
class UpstreamDownIT {

    @Test
    void withUsersServiceDownNginxAnswersAJson503AndRecovers() {
        LibertyServer users = RunServers.users(Map.of());
        users.stop();
        try {
            given().baseUri(RunningSystem.UI).contentType(ContentType.JSON)
                    .body(Map.of("email", "a@example.com", "password", Secrets.password("whatever1")))
                    .when().post("/api/users/login")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("status", equalTo(503))
                    .body("detail", containsString("unavailable"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", containsString("default-src 'self'"));
        } finally {
            users.start();
        }
        given().baseUri(RunningSystem.UI).contentType(ContentType.JSON)
                .body(Map.of("email", "a@example.com", "password", "whatever1"))
                .when().post("/api/users/login")
                .then().statusCode(401);
    }

    @Test
    void startedWhileAuthServiceIsDownTasksServiceBecomesReadyAndVerifiesTokensOnceItIsBack() {
        Account ann = Account.signUp("started-before-auth");
        LibertyServer auth = RunServers.auth();
        LibertyServer tasks = RunServers.tasks();
        auth.stop();
        try {
            tasks.stop();
            tasks.start(); // waits for ready: the warm-up call to auth-service must not hold readiness back
            given().baseUri(RunningSystem.TASKS_SERVICE).when().get("/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'warm-up' }.data['auth-service client']",
                            startsWith("auth-service did not answer"));
            given().baseUri(RunningSystem.UI).header("Authorization", ann.bearer()).when().get("/api/tasks")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("authentication service is unavailable"));
        } finally {
            auth.start();
        }
        // By itself, without a restart of tasks-service. Not necessarily the first request: a freshly started
        // auth-service's first verification can take longer than the 1500 ms tasks-service gives it, on a busy machine.
        Poll.until(Duration.ofSeconds(30), Duration.ofSeconds(1), "tasks-service verifies tokens again",
                () -> tasksOf(ann), answer -> answer.statusCode() == 200,
                answer -> answer.statusCode() + " " + answer.asString())
                .then().body("tasks", empty());
    }

    private static Response tasksOf(Account account) {
        return given().baseUri(RunningSystem.UI).header("Authorization", account.bearer()).when().get("/api/tasks");
    }
}
