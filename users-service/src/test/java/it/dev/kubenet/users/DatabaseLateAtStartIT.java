package it.dev.kubenet.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import dev.kubenet.common.testing.ClientAddresses;
import dev.kubenet.common.testing.DatabaseOutage;
import dev.kubenet.common.testing.LateDatabase;
import dev.kubenet.common.testing.NotRunHere;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * users-service started before its database, as on Kubernetes and after a host restart under Compose: signup and
 * login are a quick 503 until the database is there, and work once it is, without anybody restarting anything.
 */
@Tag("restarts-servers")
class DatabaseLateAtStartIT {

    private static final String URL = System.getProperty("users.url", "http://localhost:8080");

    @Test
    void startedBeforeItsDatabaseItAnswers503UntilTheDatabaseIsThereAndThenWorks(TestInfo test) {
        LateDatabase late = LateDatabase.of("defaultServer", URL);
        NotRunHere.unless(late.whyNotHere(), test);
        Map<String, String> ann = Map.of("email", "late-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse");

        late.startServiceFirst(() -> {
            DatabaseOutage.isQuicklyUnavailable(() -> post("/signup", ann));
            DatabaseOutage.isQuicklyUnavailable(() -> post("/login", ann));
        }, () -> {
            post("/signup", ann).then().statusCode(201);
            post("/login", ann).then().statusCode(200).body("token", notNullValue());
        });
    }

    private static Response post(String path, Map<String, String> credentials) {
        return given().baseUri(URL).header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh())
                .contentType(ContentType.JSON).body(credentials).when().post(path);
    }
}
