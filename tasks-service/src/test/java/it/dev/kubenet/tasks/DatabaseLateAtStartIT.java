package it.dev.kubenet.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.kubenet.common.testing.AuthService;
import dev.kubenet.common.testing.DatabaseOutage;
import dev.kubenet.common.testing.LateDatabase;
import dev.kubenet.common.testing.NotRunHere;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * tasks-service started before its database, as on Kubernetes and after a host restart under Compose: every request
 * is a quick 503 until the database is there, and adding and listing tasks work once it is, without anybody
 * restarting anything.
 */
@Tag("restarts-servers")
class DatabaseLateAtStartIT {

    private static final String URL = System.getProperty("tasks.url", "http://localhost:8000");

    @Test
    void startedBeforeItsDatabaseItAnswers503UntilTheDatabaseIsThereAndThenWorks(TestInfo test) {
        LateDatabase late = LateDatabase.of("defaultServer", URL);
        NotRunHere.unless(late.whyNotHere(), test);
        String token = AuthService.tokenFor("user-" + UUID.randomUUID());

        late.startServiceFirst(() -> {
            DatabaseOutage.isQuicklyUnavailable(() -> given().baseUri(URL).auth().oauth2(token).when().get("/tasks"));
            DatabaseOutage.isQuicklyUnavailable(() -> add(token, "while the database is not there yet"));
        }, () -> {
            add(token, "once the database is there").then().statusCode(201);
            given().baseUri(URL).auth().oauth2(token).when().get("/tasks")
                    .then().statusCode(200).body("tasks.title", equalTo(List.of("once the database is there")));
        });
    }

    private static Response add(String token, String title) {
        return given().baseUri(URL).auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", title))
                .when().post("/tasks");
    }
}
