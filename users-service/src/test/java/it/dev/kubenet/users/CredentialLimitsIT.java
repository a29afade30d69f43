package it.dev.kubenet.users;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.AuthService;
import dev.kubenet.common.testing.ClientAddresses;
import dev.kubenet.common.testing.ServiceCaller;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The limits on trying passwords that users-service holds itself, called straight, with no nginx in front: per client
 * address (20 at once, then 30 a minute, two at a time) and per account (10 wrong passwords, then 6 a minute). The
 * test server trusts its own machine as a proxy, so each client here is named in X-Forwarded-For
 * ({@link ClientAddresses}).
 * <p>
 * Run on the code before these limits (210ac72), every attempt below got its 401 or 201, however many: nothing in
 * users-service counted them; and the flood that filled auth-service's queue opened users-service's circuit breaker,
 * so the next user's login got a 503 "authentication service is unavailable".
 */
class CredentialLimitsIT {

    private static final String URL = System.getProperty("users.url", "http://localhost:8080");
    private static final String PROBLEM_JSON = "application/problem+json";

    private static Response post(String path, String client, String email, String password) {
        return given().baseUri(URL).header(ClientAddresses.FORWARDED_FOR, client).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).when().post(path);
    }

    private static String newEmail() {
        return "limits-" + UUID.randomUUID() + "@example.com";
    }

    private static String signedUp(String password) {
        String email = newEmail();
        post("/signup", ClientAddresses.fresh(), email, password).then().statusCode(201);
        return email;
    }

    private static void assertTooMany(Response response, String detail) {
        assertAll(
                () -> assertEquals(429, response.statusCode(), response.asString()),
                () -> assertEquals(PROBLEM_JSON, response.contentType()),
                () -> assertEquals(detail, response.path("detail")),
                () -> assertTrue(Integer.parseInt(response.header("Retry-After")) >= 1, "Retry-After says when"));
    }

    @Test
    void oneClientsBurstOfLoginsAndSignupsIsCutOffWhileAnotherClientLogsIn() {
        String password = "correct horse " + UUID.randomUUID();
        String someoneElse = signedUp(password);
        String flooder = ClientAddresses.fresh();
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        Instant start = Instant.now();
        for (int i = 0; i < 40 && limited == null; i++) {
            // Logins and signups share the allowance; each login for an account of its own, so only the address counts.
            Response response = i % 2 == 0
                    ? post("/login", flooder, newEmail(), "a guess " + i)
                    : post("/signup", flooder, newEmail(), "a password " + i);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        // 20 at once, and one more for each 2 s they took (30 a minute).
        long grownBack = Duration.between(start, Instant.now()).toSeconds() / 2 + 1;
        int admitted = statuses.size() - 1;
        assertTrue(admitted >= 20 && admitted <= 20 + grownBack, "20 at once, then cut off: " + statuses);
        assertTooMany(limited, "Too many login or sign-up attempts. Please wait before trying again.");
        post("/login", ClientAddresses.fresh(), someoneElse, password).then().statusCode(200);
    }

    @Test
    void wrongPasswordsForOneAccountAreCutOffFromAnyAddressWhileRightOnesCostNothing() {
        String password = "correct horse " + UUID.randomUUID();
        String victim = signedUp(password);
        for (int i = 0; i < 11; i++) {
            post("/login", ClientAddresses.fresh(), victim, password).then().statusCode(200);
        }
        for (int i = 0; i < 10; i++) {
            post("/login", ClientAddresses.fresh(), victim, "guess " + i).then().statusCode(401);
        }
        String forAccount = "Too many login attempts for this account. Please wait before trying again.";
        assertTooMany(post("/login", ClientAddresses.fresh(), victim, "guess 10"), forAccount);
        // Until the account's allowance grows back, its own user waits too: the price of a limit per account.
        assertTooMany(post("/login", ClientAddresses.fresh(), victim, password), forAccount);
        String other = signedUp(password);
        post("/login", ClientAddresses.fresh(), other, password).then().statusCode(200);
    }

    @Test
    void oneClientsParallelFloodGets429AndTheOthersKeepLoggingIn() throws Exception {
        String password = "correct horse " + UUID.randomUUID();
        String someoneElse = signedUp(password);
        String flooder = ClientAddresses.fresh();
        List<Response> flood = all(40, () -> post("/login", flooder, newEmail(), "a guess"));
        long limited = flood.stream().filter(response -> response.statusCode() == 429).count();
        assertAll(
                () -> assertTrue(limited >= 20, "most of a client's 40 at once are turned away: " + statuses(flood)),
                () -> assertTrue(flood.stream().allMatch(response -> response.statusCode() == 401
                        || response.statusCode() == 429), "only 401s and 429s: " + statuses(flood)));
        post("/login", ClientAddresses.fresh(), someoneElse, password).then().statusCode(200);
    }

    @Test
    void aFloodThatFillsAuthServicesQueueDoesNotShutOthersOut() throws Exception {
        // auth-service's queue for password work (2 + 16) kept full by 24 callers that hash again as soon as they are
        // answered (straight at auth-service: users-service's own threads would not send that many at once), while
        // users-service's logins meet it full. One that found a place in the queue may still run out of time on a
        // machine this busy: that is a failure of the call, and may count as one.
        String password = "correct horse " + UUID.randomUUID();
        String someoneElse = signedUp(password);
        AtomicBoolean flooding = new AtomicBoolean(true);
        ExecutorService flooders = Executors.newFixedThreadPool(24);
        List<Response> meanwhile = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                flooders.submit(() -> {
                    while (flooding.get()) {
                        given().baseUri(AuthService.URL)
                                .header(ServiceCaller.HEADER, AuthService.USERS_SERVICE.header())
                                .contentType(ContentType.JSON).body(Map.of("password", "flood"))
                                .when().post("/hashed-password");
                    }
                    return null;
                });
            }
            for (int i = 0; i < 12; i++) {
                meanwhile.add(post("/login", ClientAddresses.fresh(), newEmail(), "a guess"));
            }
        } finally {
            flooding.set(false);
            flooders.shutdown();
            flooders.awaitTermination(1, TimeUnit.MINUTES);
        }
        List<Response> busy = meanwhile.stream().filter(response -> response.statusCode() == 503
                && "Too many sign-ups and logins at once. Please try again in a moment.".equals(response.path("detail")))
                .toList();
        // The full queue was auth-service's answer, not its failure: the circuit to it is still closed.
        Response next = post("/login", ClientAddresses.fresh(), someoneElse, password);
        assertAll(
                () -> assertEquals(200, next.statusCode(), "the next user's login: " + next.asString()),
                () -> assertTrue(busy.size() >= 6, "most logins met the full queue: " + details(meanwhile)),
                () -> assertEquals("1", busy.get(0).header("Retry-After")),
                () -> assertTrue(meanwhile.stream().allMatch(response -> response.statusCode() == 401
                        || response.statusCode() == 503), "only 401s and 503s: " + details(meanwhile)));
    }

    private static List<Response> all(int count, Supplier<Response> request) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(2, TimeUnit.MINUTES));
            }
            return responses;
        } finally {
            clients.shutdownNow();
        }
    }

    private static List<String> details(List<Response> responses) {
        return responses.stream().map(response -> response.statusCode() + " " + response.path("detail")).toList();
    }

    private static List<Integer> statuses(List<Response> responses) {
        return responses.stream().map(Response::statusCode).toList();
    }
}
