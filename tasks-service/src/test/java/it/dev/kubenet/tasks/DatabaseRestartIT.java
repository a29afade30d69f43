package it.dev.kubenet.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.kubenet.common.testing.AuthService;
import dev.kubenet.common.testing.DatabaseOutage;
import dev.kubenet.common.testing.NotRunHere;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * PostgreSQL stopped and started again under a running tasks-service: every request that needs it is a quick 503
 * meanwhile, and every task is there afterwards. Only in {@code mvn verify -Ppostgresql}, as root (as CI runs it); elsewhere the build prints why it did not run.
 */
@Tag("restarts-servers")
class DatabaseRestartIT {

    private static final String URL = System.getProperty("tasks.url", "http://localhost:8000");

    @BeforeEach
    void onlyOnPostgreSql(TestInfo test) {
        NotRunHere.unless(DatabaseOutage.whyNotHere("defaultServer"), test);
    }

    @Test
    void whilePostgreSqlIsDownEveryRequestIsAQuick503AndOnceItIsBackEverythingIs() {
        String token = AuthService.tokenFor("user-" + UUID.randomUUID());
        add(token, "before the restart").then().statusCode(201);

        new DatabaseOutage("defaultServer", URL).during(() -> {
            DatabaseOutage.isQuicklyUnavailable(() -> given().baseUri(URL).auth().oauth2(token).when().get("/tasks"));
            DatabaseOutage.isQuicklyUnavailable(() -> add(token, "while the database is down"));
            DatabaseOutage.isQuicklyUnavailable(() -> given().baseUri(URL).auth().oauth2(token)
                    .when().delete("/tasks/1"));
        });

        given().baseUri(URL).auth().oauth2(token).when().get("/tasks")
                .then().statusCode(200).body("tasks.title", equalTo(List.of("before the restart")));
        add(token, "after the restart").then().statusCode(201);
    }

    private static Response add(String token, String title) {
        return given().baseUri(URL).auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", title))
                .when().post("/tasks");
    }
}
