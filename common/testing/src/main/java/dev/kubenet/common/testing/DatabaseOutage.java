package dev.kubenet.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * PostgreSQL stopped under a running service and started again, as an operator would: the service says it is not
 * ready while the database is away, answers every request that needs it with a quick 503, and is ready again once it
 * is back, without being restarted itself.
 */
public final class DatabaseOutage {

    /** Far below the PostgreSQL driver's 10 s connect timeout: nobody waits for a database that is not there. */
    private static final long QUICK_MILLIS = 3_000;

    private final LibertyServer service;
    private final String url;

    public DatabaseOutage(String serverName, String url) {
        this.service = new LibertyServer(serverName, url);
        this.url = url;
    }

    /** Why it cannot be tested here, if it cannot: the service runs on H2, or PostgreSQL cannot be stopped. */
    public static Optional<String> whyNotHere(String serverName) {
        if (!PostgreSql.isUsedBy(serverName)) {
            return Optional.of("runs with mvn verify -Ppostgresql only: here the service uses its embedded H2 database");
        }
        if (!PostgreSql.canBeControlledHere()) {
            return Optional.of("stopping PostgreSQL needs root and pg_ctlcluster, as in CI");
        }
        return Optional.empty();
    }

    /** Runs the checks while PostgreSQL is stopped, then starts it and waits until the service is ready again. */
    public void during(Runnable whileDown) {
        PostgreSql.stop();
        try {
            service.awaitNotReady(Duration.ofSeconds(30));
            given().baseUri(url).when().get("/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
            whileDown.run();
        } finally {
            PostgreSql.start();
        }
        service.awaitReady(Duration.ofSeconds(60));
    }

    /** What a user gets meanwhile: a 503 problem with Retry-After, at once. */
    public static void isQuicklyUnavailable(Supplier<Response> request) {
        request.get().then().time(lessThan(QUICK_MILLIS)).statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(503));
    }
}
