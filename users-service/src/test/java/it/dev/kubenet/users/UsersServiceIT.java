package it.dev.kubenet.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.AuthService;
import dev.kubenet.common.testing.ClientAddresses;
import dev.kubenet.common.testing.LibertyServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** users-service on a real Open Liberty with its real database, calling a really running auth-service. */
class UsersServiceIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String URL = System.getProperty("users.url", "http://localhost:8080");

    @BeforeAll
    static void baseUri() {
        RestAssured.baseURI = URL;
    }

    private static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private static Response signup(String email, String password) {
        return signup(email, password, ClientAddresses.fresh());
    }

    private static Response signup(String email, String password, String client) {
        return given().header(ClientAddresses.FORWARDED_FOR, client).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).when().post("/signup");
    }

    private static Response login(String email, String password) {
        return login(email, password, ClientAddresses.fresh());
    }

    private static Response login(String email, String password, String client) {
        return given().header(ClientAddresses.FORWARDED_FOR, client).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).when().post("/login");
    }

    @Test
    void signupCreatesAnAccountWithALowerCaseEmail() {
        String email = newEmail();
        signup("  " + email.toUpperCase() + " ", "correct horse").then()
                .statusCode(201)
                .body("message", equalTo("User created!"))
                .body("email", equalTo(email))
                .body("userId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void loginWithTheRightPasswordGivesATokenThatAuthServiceAccepts() {
        String email = newEmail();
        String userId = signup(email, "correct horse").then().statusCode(201).extract().path("userId");

        String token = login(email.toUpperCase(), "correct horse").then()
                .statusCode(200)
                .body("userId", equalTo(userId))
                .body("expiresAt", notNullValue())
                .extract().path("token");

        AuthService.asTasksService().header("Authorization", "Bearer " + token)
                .when().get("/verify-token")
                .then().statusCode(200).body("uid", equalTo(userId));
    }

    private static Response logout(String token) {
        return given().header("Authorization", "Bearer " + token).when().post("/logout");
    }

    @Test
    void logoutEndsTheSessionAndATokenLoggedOutAgainIsStill204() {
        String email = newEmail();
        signup(email, "correct horse").then().statusCode(201);
        String token = login(email, "correct horse").then().statusCode(200).extract().path("token");
        AuthService.asTasksService().header("Authorization", "Bearer " + token)
                .when().get("/verify-token").then().statusCode(200);

        logout(token).then().statusCode(204);

        AuthService.asTasksService().header("Authorization", "Bearer " + token)
                .when().get("/verify-token").then().statusCode(401);
        logout(token).then().statusCode(204);
        String next = login(email, "correct horse").then().statusCode(200).extract().path("token");
        AuthService.asTasksService().header("Authorization", "Bearer " + next)
                .when().get("/verify-token").then().statusCode(200);
    }

    /**
     * The revocation is in auth-service's database, not in the memory of the process that took it: a restarted
     * auth-service refuses the token as another replica does (deploy/ runs two).
     */
    @Test
    @Tag("restarts-servers")
    void aLoggedOutTokenStaysRefusedAfterAuthServiceRestarts() {
        String email = newEmail();
        signup(email, "correct horse").then().statusCode(201);
        String token = login(email, "correct horse").then().statusCode(200).extract().path("token");
        logout(token).then().statusCode(204);
        AuthService.SERVER.stop();
        AuthService.SERVER.start();
        AuthService.asTasksService().header("Authorization", "Bearer " + token)
                .when().get("/verify-token").then().statusCode(401);
    }

    @Test
    void logoutWithoutAValidTokenIs401() {
        given().when().post("/logout").then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("detail", containsString("Authorization: Bearer"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().post("/logout").then().statusCode(401)
                .contentType(PROBLEM_JSON);
        logout("not-a-token").then().statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", equalTo("Your session is invalid or has expired."));
    }

    @Test
    void signupWithATakenEmailIs409InAnyCase() {
        String email = newEmail();
        signup(email, "correct horse").then().statusCode(201);
        signup(email.toUpperCase(), "another password").then()
                .statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", equalTo("An account with this email address already exists."));
        login(email, "correct horse").then().statusCode(200);
    }

    @Test
    void invalidEmailAndShortPasswordAre422NamingEachField() {
        signup("not-an-email", "short").then()
                .statusCode(422).contentType(PROBLEM_JSON)
                .body("errors.field", hasItems("email", "password"))
                .body("detail", containsString("Enter a valid email address."))
                .body("detail", containsString("A password needs 8 to 128 characters."));
        signup(newEmail(), "1234567").then().statusCode(422);
        signup(newEmail(), "12345678").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"password\":\"correct horse\"}").when().post("/signup")
                .then().statusCode(422).body("errors[0].field", equalTo("email"));
        signup("a".repeat(250) + "@example.com", "correct horse").then().statusCode(422);
        signup("nul\u0000@example.com", "correct horse").then().statusCode(422);
        login("nul\u0000@example.com", "correct horse").then().statusCode(422);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSame401() {
        String email = newEmail();
        signup(email, "correct horse").then().statusCode(201);
        String wrongPassword = login(email, "wrong horse!").then().statusCode(401).contentType(PROBLEM_JSON)
                .extract().path("detail");
        String unknownEmail = login(newEmail(), "wrong horse!").then().statusCode(401).contentType(PROBLEM_JSON)
                .extract().path("detail");
        assertEquals("Invalid email or password.", wrongPassword);
        assertEquals(wrongPassword, unknownEmail);
    }

    @Test
    void badRequestsGetTheCommonProblemFormat() {
        given().contentType(ContentType.JSON).body("{\"email\":").when().post("/signup")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body("[1,2]").when().post("/login")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        // A body that ends inside an unknown field kept a thread busy forever; JSON-B took an array's first element.
        given().contentType(ContentType.JSON).body("{\"x\":[").when().post("/login")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON)
                .body("[{\"email\":\"" + newEmail() + "\",\"password\":\"correct horse\"}]")
                .when().post("/signup").then().statusCode(400).contentType(PROBLEM_JSON);
        given().accept("application/json;q=high").contentType(ContentType.JSON).body("{}").when().post("/login")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.TEXT).body("email=a").when().post("/signup")
                .then().statusCode(415).contentType(PROBLEM_JSON);
        given().when().get("/signup").then().statusCode(405).contentType(PROBLEM_JSON);
        given().when().get("/users/1").then().statusCode(404).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body("{\"email\":\"" + "a".repeat(70_000) + "\"}")
                .when().post("/signup").then().statusCode(413).contentType(PROBLEM_JSON);
    }

    @Test
    void healthReportsTheDatabaseAndOpenApiIsServed() {
        given().when().get("/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
        given().when().get("/health/live").then().statusCode(200);
        given().when().get("/health/started").then().statusCode(200);
        given().when().get("/openapi").then().statusCode(200).body(containsString("/signup"));
        given().when().get("/openapi/ui/").then().statusCode(200).contentType(containsString("text/html"));
    }

    @Test
    @Tag("restarts-servers")
    void anAccountSurvivesAKill9RightAfterItsSignup() {
        LibertyServer users = new LibertyServer("defaultServer", URL);
        String email = newEmail();
        signup(email, "correct horse").then().statusCode(201);

        users.kill();
        users.start();

        login(email, "correct horse").then().statusCode(200);
    }

    @Test
    @Tag("restarts-servers")
    void withAuthServiceDownSignupAndLoginAre503QuicklyAndRecoverByThemselves() {
        String email = newEmail();
        signup(email, "correct horse").then().statusCode(201);
        String token = login(email, "correct horse").then().statusCode(200).extract().path("token");
        AuthService.SERVER.stop();
        try {
            logout(token).then().statusCode(503).contentType(PROBLEM_JSON)
                    .body("detail", containsString("authentication service is unavailable"));
            for (int i = 0; i < 12; i++) {
                Instant start = Instant.now();
                login(email, "correct horse").then()
                        .statusCode(503).contentType(PROBLEM_JSON)
                        .header("Retry-After", notNullValue())
                        .body("detail", containsString("authentication service is unavailable"));
                assertTrue(Duration.between(start, Instant.now()).toMillis() < 6000, "503 took too long");
            }
            signup(newEmail(), "correct horse").then().statusCode(503);
        } finally {
            AuthService.SERVER.start();
        }
        awaitStatus(() -> login(email, "correct horse"), 200, Duration.ofSeconds(30));
        signup(newEmail(), "correct horse").then().statusCode(201);
        logout(token).then().statusCode(204);
    }

    private static void awaitStatus(Supplier<Response> request, int status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int last;
        do {
            last = request.get().statusCode();
            if (last == status) {
                return;
            }
            LibertyServer.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("expected " + status + " within " + timeout + ", last was " + last);
    }
}
