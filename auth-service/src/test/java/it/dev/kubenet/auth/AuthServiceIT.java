package it.dev.kubenet.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * auth-service over real HTTP on a real Open Liberty. In {@code mvn verify}, Arquillian's managed container starts the
 * server that the build created, deploys the WAR the build produced, and stops the server after the tests. On Enter in
 * dev mode, the same tests run against the dev server, whose address dev mode passes in {@code liberty.hostname} and
 * {@code liberty.http.port}: Arquillian would start a second server on the dev server's port.
 */
class AuthServiceIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Optional<String> DEV_SERVER = Optional.ofNullable(System.getProperty("liberty.http.port"))
            .map(port -> "http://" + System.getProperty("liberty.hostname", "localhost") + ":" + port);

    @RegisterExtension
    static final Extension SERVER = DEV_SERVER.isPresent() ? new Extension() { } : new ArquillianExtension();

    @ArquillianResource
    URL baseUrl;

    /** The WAR exactly as the build packaged it, served at "/" as in production. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(ZipImporter.class, "auth-service.war")
                .importFrom(new File("target/auth-service.war"))
                .as(WebArchive.class);
    }

    @BeforeEach
    void baseUri() {
        RestAssured.baseURI = DEV_SERVER.orElseGet(
                () -> baseUrl.getProtocol() + "://" + baseUrl.getHost() + ":" + baseUrl.getPort());
    }

    private static String hash(String password) {
        return given().contentType(ContentType.JSON).body(Map.of("password", password))
                .when().post("/hashed-password")
                .then().statusCode(200).extract().path("hashedPassword");
    }

    @Test
    void hashedPasswordIsASaltedPbkdf2HashThatDoesNotContainThePassword() {
        String hash = hash("correct horse battery");
        assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
        assertFalse(hash.contains("correct horse"), hash);
    }

    @Test
    void theRightPasswordGetsATokenThatVerifiesToTheUser() {
        String hash = hash("correct horse battery");
        Map<String, String> issued = given().contentType(ContentType.JSON)
                .body(Map.of("userId", "user-1", "password", "correct horse battery", "hashedPassword", hash))
                .when().post("/token")
                .then().statusCode(200)
                .body("message", equalTo("Token created."))
                .body("expiresAt", startsWith("20"))
                .extract().jsonPath().getMap("");

        given().header("Authorization", "Bearer " + issued.get("token"))
                .when().get("/verify-token")
                .then().statusCode(200)
                .body("message", equalTo("Valid token."))
                .body("uid", equalTo("user-1"))
                .body("expiresAt", equalTo(issued.get("expiresAt")));
    }

    @Test
    void aWrongPasswordGets401() {
        String hash = hash("correct horse battery");
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", "user-1", "password", "wrong horse battery", "hashedPassword", hash))
                .when().post("/token")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", equalTo("Passwords do not match."))
                .body("$", not(hasKey("token")));
    }

    @Test
    void anUnknownUserGetsTheSame401() {
        given().contentType(ContentType.JSON).body(Map.of("password", "correct horse battery"))
                .when().post("/token")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", equalTo("Passwords do not match."));
    }

    @Test
    void missingGarbageAndTamperedTokensGet401() {
        given().when().get("/verify-token").then().statusCode(401).contentType(PROBLEM_JSON);
        given().header("Authorization", "Bearer abc").when().get("/verify-token").then().statusCode(401);
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/verify-token").then().statusCode(401);
        String hash = hash("correct horse battery");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("userId", "user-1", "password", "correct horse battery", "hashedPassword", hash))
                .when().post("/token").then().statusCode(200).extract().path("token");
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        given().header("Authorization", "Bearer " + tampered).when().get("/verify-token")
                .then().statusCode(401).body("detail", equalTo("Token invalid."));
    }

    private static String token(String userId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("userId", userId, "password", "correct horse battery",
                        "hashedPassword", hash("correct horse battery")))
                .when().post("/token").then().statusCode(200).extract().path("token");
    }

    @Test
    void aRevokedTokenIsRefusedWhileTheUsersOtherTokensStillWork() {
        String loggedOut = token("user-revoked");
        String otherTab = token("user-revoked");
        given().header("Authorization", "Bearer " + loggedOut).when().get("/verify-token").then().statusCode(200);

        given().header("Authorization", "Bearer " + loggedOut).when().post("/revoked-tokens")
                .then().statusCode(204).body(equalTo(""));

        given().header("Authorization", "Bearer " + loggedOut).when().get("/verify-token")
                .then().statusCode(401).contentType(PROBLEM_JSON).body("detail", equalTo("Token invalid."));
        given().header("Authorization", "Bearer " + otherTab).when().get("/verify-token")
                .then().statusCode(200).body("uid", equalTo("user-revoked"));
    }

    @Test
    void revokingATokenTwiceIsDoneTwice() {
        String token = token("user-twice");
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + token).when().post("/revoked-tokens").then().statusCode(204);
        }
        given().header("Authorization", "Bearer " + token).when().get("/verify-token").then().statusCode(401);
    }

    @Test
    void onlyAValidTokenCanBeRevoked() {
        given().when().post("/revoked-tokens").then().statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", equalTo("Token invalid."));
        given().header("Authorization", "Bearer abc").when().post("/revoked-tokens").then().statusCode(401);
        String token = token("user-tampered");
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        given().header("Authorization", "Bearer " + tampered).when().post("/revoked-tokens")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().header("Authorization", "Bearer " + token).when().get("/verify-token").then().statusCode(200);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        String hash = hash("correct horse battery");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("userId", "user-1", "password", "correct horse battery", "hashedPassword", hash))
                .when().post("/token").then().statusCode(200).extract().path("token");
        given().header("Authorization", "bearer " + token).when().get("/verify-token")
                .then().statusCode(200).body("uid", equalTo("user-1"));
        given().header("Authorization", "BEARER   " + token).when().get("/verify-token")
                .then().statusCode(200).body("uid", equalTo("user-1"));
        given().header("Authorization", "Bearer " + token + ", Bearer " + token).when().get("/verify-token")
                .then().statusCode(401).body("detail", equalTo("Token invalid."));
    }

    @Test
    void passwordsAreNeverAcceptedInTheUrl() {
        given().when().get("/hashed-password/secret123").then().statusCode(404).contentType(PROBLEM_JSON);
        given().when().get("/token/hash/secret123").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void badRequestsGetTheCommonProblemFormat() {
        given().contentType(ContentType.JSON).body("{\"password\":").when().post("/hashed-password")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("status", equalTo(400));
        given().contentType(ContentType.JSON).body("{}").when().post("/hashed-password")
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("password"));
        given().contentType(ContentType.TEXT).body("x").when().post("/hashed-password")
                .then().statusCode(415).contentType(PROBLEM_JSON);
        given().when().get("/hashed-password")
                .then().statusCode(405).contentType(PROBLEM_JSON).header("Allow", containsString("POST"));
        given().when().get("/no-such-route").then().statusCode(404).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body("{\"password\":\"" + "a".repeat(70_000) + "\"}")
                .when().post("/hashed-password")
                .then().statusCode(413).contentType(PROBLEM_JSON);
    }

    @Test
    void aBurstOfPasswordWorkIsQueuedAndTheExcessTurnedAwayQuickly() throws Exception {
        // 2 at work and 16 waiting (PasswordWork); 40 at once overflow that by far, since each hash takes a while.
        int burst = 40;
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                responses.add(clients.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(Map.of("password", "correct horse battery"))
                            .when().post("/hashed-password").then().extract().response();
                }));
            }
            start.countDown();
            int hashed = 0;
            int turnedAway = 0;
            for (Future<Response> future : responses) {
                Response response = future.get(2, TimeUnit.MINUTES);
                if (response.statusCode() == 200) {
                    hashed++;
                    assertTrue(response.path("hashedPassword").toString().startsWith("pbkdf2-sha256$"));
                } else {
                    turnedAway++;
                    assertEquals(503, response.statusCode(), response.asString());
                    assertEquals(PROBLEM_JSON, response.contentType());
                    assertEquals("1", response.header("Retry-After"));
                    assertEquals(503, (Integer) response.path("status"));
                }
            }
            assertTrue(hashed >= 18, "every slot and queue place is used: " + hashed + " hashed");
            assertTrue(turnedAway > 0, "the rest is turned away, not queued without bound");
        } finally {
            clients.shutdownNow();
        }
        // And the service is back to normal at once.
        hash("correct horse battery");
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().when().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
        given().when().get("/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/openapi").then().statusCode(200).body(containsString("/verify-token"));
        given().when().get("/openapi/ui/").then().statusCode(200).contentType(containsString("text/html"));
    }
}
