package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.LibertyServer;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both ways users-service can find auth-service, end to end through nginx: users-service is restarted with only
 * {@code AUTH_ADDRESS}, then with only Kubernetes' {@code AUTH_SERVICE_SERVICE_HOST}/{@code _PORT}, and each time a
 * login (which needs auth-service) must work and the log must say which setting was used.
 */
@ExtendWith(RunningSystem.class)
class AuthAddressIT {

    private static final Path LOGS = RunningSystem.RUN_DIR.resolve("logs/users-service");

    private static void restartUsersWith(Map<String, String> authSettings) {
        LibertyServer users = RunServers.users(authSettings);
        users.stop();
        users.start();
    }

    private static void loginThroughNginxWorks() {
        Map<String, String> credentials = Map.of("email", "address-" + UUID.randomUUID() + "@example.com",
                "password", Secrets.password("correct horse"));
        given().baseUri(RunningSystem.UI).contentType(ContentType.JSON).body(credentials)
                .when().post("/api/users/signup").then().statusCode(201);
        Secrets.token(given().baseUri(RunningSystem.UI).contentType(ContentType.JSON).body(credentials)
                .when().post("/api/users/login").then().statusCode(200).extract().path("token"));
    }

    /**
     * users-service is ready only once its first calls to auth-service are made (AuthServiceWarmUp and the signup's
     * and login's), so that the first user after a start does not pay for loading the client.
     */
    private static void readyAfterAWarmUpThatReachedAuthService() {
        given().baseUri(RunningSystem.USERS_SERVICE).when().get("/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'warm-up' }.data['auth-service client']",
                        startsWith("auth-service answered"))
                .body("checks.find { it.name == 'warm-up' }.data['signup and login']",
                        startsWith("auth-service answered"));
    }

    private static String log() throws IOException {
        return Files.readString(LOGS.resolve("messages.log"));
    }

    @AfterAll
    static void backToTheDefault() {
        restartUsersWith(Map.of());
    }

    @Test
    void authAddressHostAndPort() throws IOException {
        restartUsersWith(Map.of("AUTH_ADDRESS", "127.0.0.1:8070"));
        readyAfterAWarmUpThatReachedAuthService();
        loginThroughNginxWorks();
        assertTrue(log().contains("auth-service address: http://127.0.0.1:8070 (from AUTH_ADDRESS)"), "log: " + log());
    }

    @Test
    void onlyKubernetesInjectedServiceHostAndPort() throws IOException {
        restartUsersWith(Map.of("AUTH_SERVICE_SERVICE_HOST", "127.0.0.1", "AUTH_SERVICE_SERVICE_PORT", "8070"));
        readyAfterAWarmUpThatReachedAuthService();
        loginThroughNginxWorks();
        assertTrue(log().contains("auth-service address: http://127.0.0.1:8070 (from AUTH_SERVICE_SERVICE_HOST/_PORT)"),
                "log: " + log());
    }
}
