package it.dev.kubenet.users;

import static io.restassured.RestAssured.given;

import dev.kubenet.common.testing.ClientAddresses;
import dev.kubenet.common.testing.DatabaseOutage;
import dev.kubenet.common.testing.NotRunHere;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * PostgreSQL stopped and started again under a running users-service: signups and logins are a quick 503 meanwhile,
 * and every account is there afterwards. Only in {@code mvn verify -Ppostgresql}, as root (as CI runs it); elsewhere the build prints why it did not run.
 */
@Tag("restarts-servers")
class DatabaseRestartIT {

    private static final String URL = System.getProperty("users.url", "http://localhost:8080");

    @BeforeEach
    void onlyOnPostgreSql(TestInfo test) {
        NotRunHere.unless(DatabaseOutage.whyNotHere("defaultServer"), test);
    }

    @Test
    void whilePostgreSqlIsDownSignupAndLoginAreAQuick503AndOnceItIsBackEverythingIs() {
        Map<String, String> ann = credentials();
        post("/signup", ann).then().statusCode(201);

        new DatabaseOutage("defaultServer", URL).during(() -> {
            DatabaseOutage.isQuicklyUnavailable(() -> post("/login", ann));
            DatabaseOutage.isQuicklyUnavailable(() -> post("/signup", credentials()));
        });

        post("/login", ann).then().statusCode(200);
        post("/signup", credentials()).then().statusCode(201);
    }

    private static Map<String, String> credentials() {
        return Map.of("email", "restart-" + UUID.randomUUID() + "@example.com", "password", "correct horse");
    }

    private static Response post(String path, Map<String, String> credentials) {
        return given().baseUri(URL).header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh())
                .contentType(ContentType.JSON).body(credentials).when().post(path);
    }
}
