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
import io.restassured.specification.RequestSpecification;
import dev.kubenet.common.testing.AuthService;
import dev.kubenet.common.testing.ServiceCaller;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
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
    /** The callers with the repository's development keys, which the tests' server trusts (INSECURE_DEVELOPMENT_KEYS). */
    private static final ServiceCaller USERS_SERVICE = AuthService.USERS_SERVICE;
    private static final ServiceCaller TASKS_SERVICE = AuthService.TASKS_SERVICE;
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

    /** A request as users-service makes it, which every route answers. */
    private static RequestSpecification asUsersService() {
        return given().header(ServiceCaller.HEADER, USERS_SERVICE.header());
    }

    private static String hash(String password) {
        return asUsersService().contentType(ContentType.JSON).body(Map.of("password", password))
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
        Map<String, String> issued = asUsersService().contentType(ContentType.JSON)
                .body(Map.of("userId", "user-1", "password", "correct horse battery", "hashedPassword", hash))
                .when().post("/token")
                .then().statusCode(200)
                .body("message", equalTo("Token created."))
                .body("expiresAt", startsWith("20"))
                .extract().jsonPath().getMap("");

        asUsersService().header("Authorization", "Bearer " + issued.get("token"))
                .when().get("/verify-token")
                .then().statusCode(200)
                .body("message", equalTo("Valid token."))
                .body("uid", equalTo("user-1"))
                .body("expiresAt", equalTo(issued.get("expiresAt")));
    }

    @Test
    void aWrongPasswordGets401() {
        String hash = hash("correct horse battery");
        asUsersService().contentType(ContentType.JSON)
                .body(Map.of("userId", "user-1", "password", "wrong horse battery", "hashedPassword", hash))
                .when().post("/token")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", equalTo("Passwords do not match."))
                .body("$", not(hasKey("token")));
    }

    @Test
    void anUnknownUserGetsTheSame401() {
        asUsersService().contentType(ContentType.JSON).body(Map.of("password", "correct horse battery"))
                .when().post("/token")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", equalTo("Passwords do not match."));
    }

    @Test
    void missingGarbageAndTamperedTokensGet401() {
        asUsersService().when().get("/verify-token").then().statusCode(401).contentType(PROBLEM_JSON);
        asUsersService().header("Authorization", "Bearer abc").when().get("/verify-token").then().statusCode(401);
        asUsersService().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/verify-token").then().statusCode(401);
        String hash = hash("correct horse battery");
        String token = asUsersService().contentType(ContentType.JSON)
                .body(Map.of("userId", "user-1", "password", "correct horse battery", "hashedPassword", hash))
                .when().post("/token").then().statusCode(200).extract().path("token");
        // The signature's first character: every one of its bits counts (a last one may hold only padding).
        int changed = token.lastIndexOf('.') + 1;
        String tampered = token.substring(0, changed) + (token.charAt(changed) == 'A' ? 'B' : 'A')
                + token.substring(changed + 1);
        asUsersService().header("Authorization", "Bearer " + tampered).when().get("/verify-token")
                .then().statusCode(401).body("detail", equalTo("Token invalid."));
    }

    private static String token(String userId) {
        return asUsersService().contentType(ContentType.JSON)
                .body(Map.of("userId", userId, "password", "correct horse battery",
                        "hashedPassword", hash("correct horse battery")))
                .when().post("/token").then().statusCode(200).extract().path("token");
    }

    @Test
    void aRevokedTokenIsRefusedWhileTheUsersOtherTokensStillWork() {
        String loggedOut = token("user-revoked");
        String otherTab = token("user-revoked");
        asUsersService().header("Authorization", "Bearer " + loggedOut).when().get("/verify-token").then().statusCode(200);

        asUsersService().header("Authorization", "Bearer " + loggedOut).when().post("/revoked-tokens")
                .then().statusCode(204).body(equalTo(""));

        asUsersService().header("Authorization", "Bearer " + loggedOut).when().get("/verify-token")
                .then().statusCode(401).contentType(PROBLEM_JSON).body("detail", equalTo("Token invalid."));
        asUsersService().header("Authorization", "Bearer " + otherTab).when().get("/verify-token")
                .then().statusCode(200).body("uid", equalTo("user-revoked"));
    }

    @Test
    void revokingATokenTwiceIsDoneTwice() {
        String token = token("user-twice");
        for (int i = 0; i < 2; i++) {
            asUsersService().header("Authorization", "Bearer " + token).when().post("/revoked-tokens").then().statusCode(204);
        }
        asUsersService().header("Authorization", "Bearer " + token).when().get("/verify-token").then().statusCode(401);
    }

    @Test
    void onlyAValidTokenCanBeRevoked() {
        asUsersService().when().post("/revoked-tokens").then().statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", equalTo("Token invalid."));
        asUsersService().header("Authorization", "Bearer abc").when().post("/revoked-tokens").then().statusCode(401);
        String token = token("user-tampered");
        // The signature's first character: every one of its bits counts (a last one may hold only padding).
        int changed = token.lastIndexOf('.') + 1;
        String tampered = token.substring(0, changed) + (token.charAt(changed) == 'A' ? 'B' : 'A')
                + token.substring(changed + 1);
        asUsersService().header("Authorization", "Bearer " + tampered).when().post("/revoked-tokens")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        asUsersService().header("Authorization", "Bearer " + token).when().get("/verify-token").then().statusCode(200);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        String hash = hash("correct horse battery");
        String token = asUsersService().contentType(ContentType.JSON)
                .body(Map.of("userId", "user-1", "password", "correct horse battery", "hashedPassword", hash))
                .when().post("/token").then().statusCode(200).extract().path("token");
        asUsersService().header("Authorization", "bearer " + token).when().get("/verify-token")
                .then().statusCode(200).body("uid", equalTo("user-1"));
        asUsersService().header("Authorization", "BEARER   " + token).when().get("/verify-token")
                .then().statusCode(200).body("uid", equalTo("user-1"));
        asUsersService().header("Authorization", "Bearer " + token + ", Bearer " + token).when().get("/verify-token")
                .then().statusCode(401).body("detail", equalTo("Token invalid."));
    }

    @Test
    void passwordsAreNeverAcceptedInTheUrl() {
        asUsersService().when().get("/hashed-password/secret123").then().statusCode(404).contentType(PROBLEM_JSON);
        asUsersService().when().get("/token/hash/secret123").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void badRequestsGetTheCommonProblemFormat() {
        asUsersService().contentType(ContentType.JSON).body("{\"password\":").when().post("/hashed-password")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("status", equalTo(400));
        asUsersService().contentType(ContentType.JSON).body("{}").when().post("/hashed-password")
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("password"));
        asUsersService().contentType(ContentType.TEXT).body("x").when().post("/hashed-password")
                .then().statusCode(415).contentType(PROBLEM_JSON);
        asUsersService().when().get("/hashed-password")
                .then().statusCode(405).contentType(PROBLEM_JSON).header("Allow", containsString("POST"));
        asUsersService().when().get("/no-such-route").then().statusCode(404).contentType(PROBLEM_JSON);
        asUsersService().contentType(ContentType.JSON).body("{\"password\":\"" + "a".repeat(70_000) + "\"}")
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
                    return asUsersService().contentType(ContentType.JSON).body(Map.of("password", "correct horse battery"))
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
                    assertEquals(429, response.statusCode(), response.asString());
                    assertEquals(PROBLEM_JSON, response.contentType());
                    assertEquals("1", response.header("Retry-After"));
                    assertEquals(429, (Integer) response.path("status"));
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

    // Who may call auth-service: only a service that proves who it is, and only on the routes it needs.

    @Test
    void everyRouteRefusesACallerThatProvesNothing() {
        String token = token("user-unproven");
        String hash = hash("correct horse battery");
        List<Response> refused = List.of(
                given().contentType(ContentType.JSON).body(Map.of("password", "x")).when().post("/hashed-password"),
                given().contentType(ContentType.JSON)
                        .body(Map.of("userId", "user-1", "password", "correct horse battery", "hashedPassword", hash))
                        .when().post("/token"),
                given().header("Authorization", "Bearer " + token).when().get("/verify-token"),
                given().header("Authorization", "Bearer " + token).when().post("/revoked-tokens"));
        for (Response response : refused) {
            response.then().statusCode(401).contentType(PROBLEM_JSON)
                    .body("detail", containsString(ServiceCaller.HEADER))
                    .body("$", not(hasKey("token"))).body("$", not(hasKey("hashedPassword")));
        }
        // The refused revocation did nothing.
        asUsersService().header("Authorization", "Bearer " + token).when().get("/verify-token").then().statusCode(200);
    }

    @Test
    void eachRouteAnswersOnlyTheServicesThatNeedIt() {
        String token = token("user-routes");
        String tasks = TASKS_SERVICE.header();
        given().header(ServiceCaller.HEADER, tasks).contentType(ContentType.JSON).body(Map.of("password", "x"))
                .when().post("/hashed-password")
                .then().statusCode(403).contentType(PROBLEM_JSON).body("detail", containsString("tasks-service"));
        given().header(ServiceCaller.HEADER, tasks).contentType(ContentType.JSON)
                .body(Map.of("userId", "user-1", "password", "x", "hashedPassword", "pbkdf2-sha256$1$AA$AA"))
                .when().post("/token").then().statusCode(403).contentType(PROBLEM_JSON);
        given().header(ServiceCaller.HEADER, tasks).header("Authorization", "Bearer " + token)
                .when().post("/revoked-tokens").then().statusCode(403).contentType(PROBLEM_JSON);
        given().header(ServiceCaller.HEADER, tasks).header("Authorization", "Bearer " + token)
                .when().get("/verify-token").then().statusCode(200).body("uid", equalTo("user-routes"));
    }

    @Test
    void anAssertionThatDoesNotProveItsCallerIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ServiceCaller impostor = new ServiceCaller("users-service", generator.generateKeyPair().getPrivate());
        ServiceCaller unknown = new ServiceCaller("billing-service", generator.generateKeyPair().getPrivate());
        List<String> headers = List.of(
                impostor.header(),
                unknown.header(),
                USERS_SERVICE.header("some-other-service", Duration.ofMinutes(5)),
                USERS_SERVICE.header("auth-service", Duration.ofDays(1)),
                USERS_SERVICE.header("auth-service", Duration.ofMinutes(-5)),
                "Bearer " + unsigned("users-service"),
                USERS_SERVICE.header().replace("Bearer ", "Basic "),
                "Bearer garbage");
        for (String header : headers) {
            given().header(ServiceCaller.HEADER, header).contentType(ContentType.JSON).body(Map.of("password", "x"))
                    .when().post("/hashed-password")
                    .then().statusCode(401).contentType(PROBLEM_JSON).body("$", not(hasKey("hashedPassword")));
        }
    }

    /** {"alg":"none"}: no signature at all. */
    private static String unsigned(String caller) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"" + caller + "\",\"sub\":\"" + caller + "\",\"aud\":\"auth-service\",\"iat\":"
                + now + ",\"exp\":" + (now + 300) + "}";
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().when().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'keys' }.data.callers", equalTo("tasks-service,users-service"));
        given().when().get("/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/openapi").then().statusCode(200).body(containsString("/verify-token"));
        given().when().get("/openapi/ui/").then().statusCode(200).contentType(containsString("text/html"));
    }
}
