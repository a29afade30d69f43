package it.dev.kubenet.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubenet.testing.AuthService;
import dev.kubenet.testing.LibertyServer;
import dev.kubenet.testing.PostgreSql;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again under a running tasks-service: the service says it is not ready while the
 * database is away, and is ready again, with every task, without being restarted itself. Only in
 * {@code mvn verify -Ppostgresql}, as root (as CI runs it): on the embedded H2 database it is skipped.
 */
class DatabaseRestartIT {

    private static final String URL = System.getProperty("tasks.url", "http://localhost:8000");
    private static final LibertyServer TASKS = new LibertyServer("defaultServer", URL);

    @BeforeEach
    void onlyOnPostgreSql() {
        assumeTrue(PostgreSql.isUsedBy("defaultServer"),
                "runs with mvn verify -Ppostgresql only: here tasks-service uses its embedded H2 database");
        assumeTrue(PostgreSql.canBeControlledHere(), "stopping PostgreSQL needs root and pg_ctlcluster, as in CI");
    }

    @Test
    void whilePostgreSqlIsDownTheServiceIsNotReadyAndOnceItIsBackEverythingIs() {
        String token = AuthService.tokenFor("user-" + UUID.randomUUID());
        add(token, "before the restart");

        PostgreSql.stop();
        try {
            TASKS.awaitNotReady(Duration.ofSeconds(30));
            given().baseUri(URL).when().get("/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
        } finally {
            PostgreSql.start();
        }

        TASKS.awaitReady(Duration.ofSeconds(60));
        given().baseUri(URL).auth().oauth2(token).when().get("/tasks")
                .then().statusCode(200).body("tasks.title", equalTo(List.of("before the restart")));
        add(token, "after the restart");
    }

    private static void add(String token, String title) {
        given().baseUri(URL).auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", title))
                .when().post("/tasks").then().statusCode(201);
    }
}
