package it.dev.kubenet.containers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The system that compose.yaml describes, started once for the Compose tests: the images ({@link ContainerImages}),
 * then {@code docker-compose up -d}, as the README says; once the last of them has run, pass or fail,
 * {@code docker-compose down -v}: no container, network or volume is left behind (the images stay, as Docker's build
 * cache would), and the engine is free for the next test class.
 */
final class ComposeSystem implements BeforeAllCallback {

    static final String UI = "http://localhost:8090";
    static final String USERS_SERVICE = "http://localhost:8080";
    static final String TASKS_SERVICE = "http://localhost:8000";
    static final Duration START = Duration.ofMinutes(4);

    private static Compose compose;

    static synchronized Compose compose() {
        if (compose == null) {
            compose = start();
        }
        return compose;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        compose();
        context.getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ComposeSystem.class, key -> (AutoCloseable) () ->
                        compose.compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans"));
    }

    /**
     * One signup straight at users-service before the tests, with a generous deadline, and how long it took. The
     * first request after a cold start pays for what Liberty and the JVMs do lazily (the persistence unit, the REST
     * client, JIT-compiling the password hash in both services), which on two cores shared with a build can take
     * longer than nginx's 15 s read timeout. Measured and printed here, not hidden: the tests after it are about the
     * containers, not about a cold JVM.
     */
    private static void firstRequest() {
        java.time.Instant start = java.time.Instant.now();
        io.restassured.RestAssured.given().baseUri(USERS_SERVICE)
                .config(io.restassured.config.RestAssuredConfig.config().httpClient(
                        io.restassured.config.HttpClientConfig.httpClientConfig()
                                .setParam("http.socket.timeout", 90_000)))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("email", "first-" + java.util.UUID.randomUUID() + "@example.com",
                        "password", "first request " + java.util.UUID.randomUUID()))
                .when().post("/signup")
                .then().statusCode(201);
        System.out.println("The first signup after start took "
                + Duration.between(start, java.time.Instant.now()).toMillis() + " ms");
    }

    private static Compose start() {
        Compose started = new Compose(ContainerImages.built());
        // A run that was killed may have left its containers and volume: start from nothing.
        started.compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        java.time.Instant up = java.time.Instant.now();
        started.compose(START, "up", "-d");
        String networks = started.podman(Duration.ofSeconds(30), "network", "ls", "--filter",
                "label=com.docker.compose.project=" + Compose.PROJECT, "--format", "{{.Name}}").strip();
        if (networks.isEmpty()) {
            throw new IllegalStateException("docker-compose up made no network labelled with the project");
        }
        Bridges.pin(new Shell(Map.of()), List.of(networks.split("\n")));
        started.awaitHealthy(START, Compose.SERVICES.toArray(String[]::new));
        // For BENCHMARKS.md: measured, not asserted.
        System.out.println("From docker-compose up -d to every service healthy: "
                + Duration.between(up, java.time.Instant.now()).toSeconds() + " s");
        System.out.println(started.podman(Duration.ofSeconds(30), "images", "--format",
                "{{.Repository}}:{{.Tag}} {{.Size}}"));
        firstRequest();
        return started;
    }
}
