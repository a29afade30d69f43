package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.kubenet.testing.LibertyServer;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A service that is down entirely: nginx itself answers, in the services' JSON format, not with an HTML page. */
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
}
