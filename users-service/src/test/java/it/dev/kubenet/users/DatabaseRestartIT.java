package it.dev.kubenet.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubenet.testing.LibertyServer;
import dev.kubenet.testing.PostgreSql;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again under a running users-service: the service says it is not ready while the
 * database is away, and is ready again, with every account, without being restarted itself. Only in
 * {@code mvn verify -Ppostgresql}, as root (as CI runs it): on the embedded H2 database it is skipped.
 */
class DatabaseRestartIT {

    private static final String URL = System.getProperty("users.url", "http://localhost:8080");
    private static final LibertyServer USERS = new LibertyServer("defaultServer", URL);

    @BeforeEach
    void onlyOnPostgreSql() {
        assumeTrue(PostgreSql.isUsedBy("defaultServer"),
                "runs with mvn verify -Ppostgresql only: here users-service uses its embedded H2 database");
        assumeTrue(PostgreSql.canBeControlledHere(), "stopping PostgreSQL needs root and pg_ctlcluster, as in CI");
    }

    @Test
    void whilePostgreSqlIsDownTheServiceIsNotReadyAndOnceItIsBackEverythingIs() {
        Map<String, String> ann = Map.of("email", "restart-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse");
        post("/signup", ann, 201);

        PostgreSql.stop();
        try {
            USERS.awaitNotReady(Duration.ofSeconds(30));
            given().baseUri(URL).when().get("/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
        } finally {
            PostgreSql.start();
        }

        USERS.awaitReady(Duration.ofSeconds(60));
        post("/login", ann, 200);
        post("/signup", Map.of("email", "restart-" + UUID.randomUUID() + "@example.com", "password", "correct horse"),
                201);
    }

    private static void post(String path, Map<String, String> credentials, int status) {
        given().baseUri(URL).contentType(ContentType.JSON).body(credentials)
                .when().post(path).then().statusCode(status);
    }
}
