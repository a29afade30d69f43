package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.ServiceCaller;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Log out through nginx ends the session on the server: the token is refused from then on, by tasks-service within
 * the time it remembers auth-service's "yes" for a token (RunningSystem.TOKEN_CACHE), and at once wherever it was
 * not remembered: by auth-service itself, and by tasks-service for a token it had not seen (as a replica that had
 * not cached it would).
 */
@ExtendWith(RunningSystem.class)
class LogoutIT {

    private static final String AUTH_SERVICE = "http://localhost:8070";
    /** Time for one request's round trip on a busy machine, beyond the cache's own time. */
    private static final Duration MARGIN = Duration.ofMillis(1500);

    private static int tasksStatus(String token) {
        return given().baseUri(RunningSystem.UI).auth().oauth2(token).when().get("/api/tasks").statusCode();
    }

    private static void logOut(String token) {
        given().baseUri(RunningSystem.UI).auth().oauth2(token).when().post("/api/users/logout")
                .then().statusCode(204).body(equalTo(""));
    }

    @Test
    void aLoggedOutTokenIsRefusedWithinTheCacheTimeAndAtOnceWhereItWasNotRemembered() {
        Account account = Account.signUp("logout");
        String seen = account.token();
        String unseen = Account.logIn(account.email(), account.password());
        assertEquals(200, tasksStatus(seen), "GET /api/tasks works before the logout (and is remembered)");

        logOut(seen);
        Instant loggedOut = Instant.now();
        logOut(unseen);

        assertEquals(401, tasksStatus(unseen), "a token tasks-service had not remembered is refused at once");
        // Asked as tasks-service asks, with the key run.sh made for it.
        given().baseUri(AUTH_SERVICE).auth().oauth2(seen)
                .header(ServiceCaller.HEADER, ServiceCaller.withKeyFile("tasks-service",
                        RunningSystem.SECRETS.resolve("tasks-service.key")).header())
                .when().get("/verify-token")
                .then().statusCode(401).body("detail", equalTo("Token invalid."));
        Instant deadline = loggedOut.plus(RunningSystem.TOKEN_CACHE).plus(MARGIN);
        int status;
        while ((status = tasksStatus(seen)) == 200 && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(250));
        }
        assertEquals(401, status, "refused within " + RunningSystem.TOKEN_CACHE + " of the logout");
        assertTrue(Instant.now().isBefore(deadline.plus(MARGIN)), "refused by " + deadline);
        for (int i = 0; i < 3; i++) {
            assertEquals(401, tasksStatus(seen), "and from then on");
        }
    }

    @Test
    void loggingOutTwiceIsDoneTwice() {
        Account account = Account.signUp("logout-twice");
        logOut(account.token());
        logOut(account.token());
        assertEquals(401, tasksStatus(account.token()));
    }

    @Test
    void logoutWithoutATokenIsAJson401() {
        given().baseUri(RunningSystem.UI).when().post("/api/users/logout")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("detail", containsString("Authorization: Bearer"));
        given().baseUri(RunningSystem.UI).auth().oauth2(ForgedTokens.otherKey("nobody"))
                .when().post("/api/users/logout")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("Your session is invalid or has expired."));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
