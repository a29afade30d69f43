package it.dev.kubenet.containers;

import static io.restassured.RestAssured.given;
import static it.dev.kubenet.containers.ComposeSystem.TASKS_SERVICE;
import static it.dev.kubenet.containers.ComposeSystem.UI;
import static it.dev.kubenet.containers.ComposeSystem.USERS_SERVICE;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.ClientAddresses;
import dev.kubenet.common.testing.Poll;
import io.restassured.http.ContentType;
import io.restassured.http.Headers;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * compose.yaml on a real container engine, used through the containerised nginx on :8090 as a person would, then
 * put through what happens to containers: a dependency stopped, a database restarted, a process killed, the whole
 * project taken down and up again, the database late at start. The tests run in this order, on one system; each
 * leaves it healthy for the next.
 */
@ExtendWith(ComposeSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {

    /** A user answer that counts as quick: far below any client's patience, and below nginx's 15 s read timeout. */
    private static final long QUICK_MILLIS = 5_000;
    private static final Duration RECOVERY = Duration.ofMinutes(2);
    /** How often a recovery is checked: no faster than the 30 logins a minute that nginx lets one client make. */
    private static final Duration EVERY_2_S = Duration.ofSeconds(2);

    /** Signed up in the first journey; later tests check that neither they nor their task are ever lost. */
    private static String email;
    private static String password;
    private static long keptTaskId;

    private final Compose compose = ComposeSystem.compose();

    @Test
    @Order(1)
    void everyServiceIsHealthy() {
        for (String service : Compose.SERVICES) {
            assertEquals("healthy", compose.health(service), service);
        }
    }

    /** As deploy/ runs them (readOnlyRootFilesystem): healthy while nothing of the image can be written. */
    @Test
    @Order(1)
    void theLibertyServicesRunOnAReadOnlyRootFileSystem() {
        for (String service : List.of("auth", "users", "tasks")) {
            assertEquals("true", compose.inspect(service, "{{.HostConfig.ReadonlyRootfs}}"), service);
            Shell.Result write = compose.run(Duration.ofSeconds(30), List.of("podman", "exec",
                    compose.containerId(service), "touch", "/config/server.xml"));
            assertTrue(write.exitCode() != 0 && write.output().contains("Read-only file system"),
                    service + ": wrote into its image: " + write);
        }
    }

    @Test
    @Order(2)
    void usersServiceFindsAuthServiceThroughAuthAddress() {
        assertTrue(compose.logs("users").contains("auth-service address: http://auth (from AUTH_ADDRESS)"),
                "users-service's log does not name the address it uses");
    }

    @Test
    @Order(3)
    void authServiceIsNotReachableFromTheHost() {
        assertEquals("", compose.compose(Duration.ofSeconds(30), "port", "auth", "80").strip(),
                "auth-service publishes a port");
        for (int port : List.of(80, 8070)) {
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                }
            }, "something answers on the host's port " + port);
        }
    }

    /** A process in a container on the Compose network reaches auth-service, but cannot act as users-service. */
    @Test
    @Order(3)
    void aContainerOnTheNetworkCannotGetTokensOrHashesFromAuthService() {
        for (List<String> attack : AuthServiceAttacks.commands("http://auth", UUID.randomUUID().toString())) {
            List<String> command = new ArrayList<>(List.of("podman", "exec", compose.containerId("tasks")));
            command.addAll(attack);
            AuthServiceAttacks.assertRefused(attack, compose.run(Duration.ofSeconds(30), command));
        }
    }

    /**
     * The network on its own, whatever the callers prove (that is tried above): nginx's container shares no network
     * with auth-service or PostgreSQL, so their names do not resolve there and their addresses time out (the engine
     * drops packets between networks). users-service's container reaches both, and nginx's reaches users-service,
     * so the test cannot pass because nothing answers at all.
     */
    @Test
    @Order(3)
    void fromTheFrontendsContainerAuthServiceAndPostgresCannotBeReached() {
        String frontend = compose.containerId("frontend");
        Shell.Result control = wget(frontend, "users:8080/health/ready");
        assertEquals(0, control.exitCode(), "nginx's container cannot reach users-service: " + control);
        for (String target : List.of("auth:80/health/ready", "postgres:5432/")) {
            // curl -v says "Connected to" once the connection is open (PostgreSQL then hangs up on the HTTP request).
            Shell.Result reached = compose.run(Duration.ofSeconds(30), List.of("podman", "exec",
                    compose.containerId("users"), "curl", "-sS", "-v", "--max-time", "3", "-o", "/dev/null",
                    "http://" + target));
            assertTrue(reached.output().contains("Connected to"), "users-service cannot reach " + target + ": "
                    + reached);
        }
        for (String service : List.of("auth", "postgres")) {
            int port = service.equals("auth") ? 80 : 5432;
            Shell.Result byName = wget(frontend, service + ":" + port + "/");
            assertTrue(byName.exitCode() != 0 && (byName.output().contains("unable to resolve host address")
                    || byName.output().contains("bad address")), service + "'s name resolves in nginx's container: "
                    + byName);
            for (String ip : compose.inspect(service, "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}")
                    .split(" ")) {
                Shell.Result byAddress = wget(frontend, ip + ":" + port + "/");
                assertTrue(byAddress.exitCode() != 0 && byAddress.output().contains("timed out")
                        && !byAddress.output().contains("connected."),
                        "nginx's container reaches " + service + " at " + ip + ": " + byAddress);
            }
        }
    }

    /** One try, with a 3 s time-out, from inside the container (the nginx image has wget, not curl). */
    private Shell.Result wget(String container, String hostPortPath) {
        return compose.run(Duration.ofSeconds(30), List.of("podman", "exec", container, "wget", "-T", "3", "-t", "1",
                "-O", "/dev/null", "http://" + hostPortPath));
    }

    /** Each service's role opens its own database only: a compromised service cannot read another's data. */
    @Test
    @Order(3)
    void eachServicesDatabaseRoleCannotOpenAnotherServicesDatabase() {
        for (List<String> roleAndOther : List.of(List.of("users", "tasks"), List.of("tasks", "users"),
                List.of("auth", "users"))) {
            String role = roleAndOther.get(0);
            String other = roleAndOther.get(1);
            Shell.Result result = compose.run(Duration.ofSeconds(30), List.of("podman", "exec",
                    compose.containerId("postgres"), "sh", "-c", "PGPASSWORD=\"$(cat /etc/" + role + "-db/password)\" "
                            + "psql -h 127.0.0.1 -U " + role + " -d " + other + " -c 'SELECT 1'"));
            assertTrue(result.exitCode() != 0 && result.output().contains("permission denied for database"),
                    role + " opened the database " + other + ": " + result);
        }
    }

    @Test
    @Order(4)
    void signUpLogInAddListAndDeleteTasksThroughNginx() {
        email = "compose-" + UUID.randomUUID() + "@example.com";
        password = "pw " + UUID.randomUUID();
        given().baseUri(UI).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/users/signup")
                .then().statusCode(201).body("email", equalTo(email));
        String token = logIn();

        keptTaskId = addTask(token, "Kept through every restart");
        long deleted = addTask(token, "Deleted at once");
        Headers listed = given().baseUri(UI).header("Authorization", "Bearer " + token)
                .when().get("/api/tasks")
                .then().statusCode(200).body("tasks.title", contains("Deleted at once", "Kept through every restart"))
                .extract().headers();
        String hops = listed.getValues("Server-Timing").toString();
        // The container's host name, which compose.yaml sets to the service's name (also its name on the network).
        assertTrue(hops.contains("tasks-service;") && hops.contains("desc=\"host=tasks\""),
                "Server-Timing does not name tasks-service's container: " + hops);
        NginxTrace.loggedByNginx(listed, "GET /api/tasks",
                () -> compose.compose(Duration.ofSeconds(30), "logs", "--no-color", "frontend"));
        given().baseUri(UI).header("Authorization", "Bearer " + token)
                .when().delete("/api/tasks/" + deleted)
                .then().statusCode(204);
        assertKeptTaskIsListed(logIn());
    }

    @Test
    @Order(5)
    void theUiJourneyWorksInChromium() {
        BrowserJourney.signUpAddDeleteAndLogOut(UI);
        // For BENCHMARKS.md: each container's memory after the journeys, measured, not asserted.
        System.out.println(compose.podman(Duration.ofSeconds(60), "stats", "--no-stream", "--format",
                "{{.Name}} {{.MemUsage}}"));
    }

    @Test
    @Order(6)
    void withAuthServiceStoppedUsersAndTasksAnswerAQuick503AndRecoverByThemselves() {
        // A token that tasks-service has not verified yet: its verification cache cannot answer for it.
        String unverified = logIn();
        compose.compose(Duration.ofMinutes(2), "stop", "auth");
        try {
            isQuicklyUnavailable(given().baseUri(UI).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", password)).when().post("/api/users/login"));
            isQuicklyUnavailable(given().baseUri(UI).header("Authorization", "Bearer " + unverified)
                    .when().get("/api/tasks"));
        } finally {
            compose.compose(Duration.ofMinutes(2), "start", "auth");
        }
        compose.awaitHealthy(ComposeSystem.START, "auth");
        assertKeptTaskIsListed(awaitLogin());
    }

    @Test
    @Order(7)
    void afterPostgresRestartsTheServicesRecoverAndNothingIsLost() {
        compose.compose(Duration.ofMinutes(2), "restart", "postgres");
        compose.awaitHealthy(ComposeSystem.START, "postgres", "auth", "users", "tasks");
        assertKeptTaskIsListed(awaitLogin());
    }

    @Test
    @Order(8)
    void aKilledServiceIsRestartedByComposeAndServesAgain() {
        int restartsBefore = Integer.parseInt(compose.inspect("tasks", "{{.RestartCount}}"));
        String pid = compose.inspect("tasks", "{{.State.Pid}}");
        compose.succeed(Duration.ofSeconds(30), List.of("kill", "-9", pid));
        Poll.until(RECOVERY, EVERY_2_S, "tasks-service's container restarted",
                () -> Integer.parseInt(compose.inspect("tasks", "{{.RestartCount}}")) > restartsBefore);
        compose.awaitHealthy(ComposeSystem.START, "tasks");
        assertKeptTaskIsListed(awaitLogin());
    }

    @Test
    @Order(9)
    void downThenUpKeepsAccountsAndTasks() {
        compose.compose(Duration.ofMinutes(3), "down");
        compose.compose(ComposeSystem.START, "up", "-d");
        compose.awaitHealthy(ComposeSystem.START, Compose.SERVICES.toArray(String[]::new));
        assertKeptTaskIsListed(awaitLogin());
    }

    @Test
    @Order(10)
    void withPostgresLateAtStartTheServicesWaitThenBecomeReadyByThemselves() {
        compose.compose(Duration.ofMinutes(3), "stop");
        // As after a host restart, where the engine ("restart: unless-stopped") brings the containers back in no
        // particular order and depends_on plays no part. (docker-compose up would wait for auth to be healthy before
        // it started users and tasks, and auth cannot be without its database.)
        List<String> services = List.of("auth", "users", "tasks");
        List<String> start = new ArrayList<>(List.of("start"));
        services.forEach(service -> start.add(compose.containerId(service)));
        compose.podman(ComposeSystem.START, start.toArray(String[]::new));
        for (String url : List.of(USERS_SERVICE, TASKS_SERVICE)) {
            Poll.until(RECOVERY, EVERY_2_S, url + " is live", () -> statusOf(url + "/health/live") == 200);
            given().baseUri(url).when().get("/health/ready")
                    .then().statusCode(503).body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
        }
        // users and tasks are live by now; auth may take a little longer to try its database for the first time.
        for (String service : services) {
            Poll.until(RECOVERY, EVERY_2_S, service + " says in its log what it waits for",
                    () -> compose.logs(service).contains("Database not reachable yet"));
        }
        // PostgreSQL last, as its restart policy might bring it back; auth, users and tasks become healthy by themselves.
        // Only then the frontend: docker-compose 1.29 refuses to start it while a dependency it waits for is
        // unhealthy, which users and tasks are by now, after failing their healthchecks all this time.
        compose.compose(ComposeSystem.START, "up", "-d", "--no-deps", "postgres");
        compose.awaitHealthy(ComposeSystem.START, "postgres", "auth", "users", "tasks");
        compose.compose(ComposeSystem.START, "up", "-d");
        compose.awaitHealthy(ComposeSystem.START, Compose.SERVICES.toArray(String[]::new));
        assertKeptTaskIsListed(awaitLogin());
    }

    /**
     * Guesses straight at users-service's published port, each claiming another client in X-Forwarded-For: the caller
     * arrives through the network's gateway, which TRUSTED_PROXIES does not trust, so users-service counts them all
     * as the one client they come from and cuts them off. It spends this host's allowance at users-service: a later
     * login waits until the allowance has room again ({@link #awaitLogin()}).
     */
    @Test
    @Order(11)
    void aForgedForwardedForDoesNotGetAroundUsersServicesLimit() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40 && !statuses.contains(429); i++) {
            statuses.add(given().baseUri(USERS_SERVICE).header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh())
                    .contentType(ContentType.JSON)
                    .body(Map.of("email", "guess-" + i + "@example.com", "password", "guess " + UUID.randomUUID()))
                    .when().post("/login").then().extract().statusCode());
        }
        assertTrue(statuses.contains(429) && statuses.size() <= 30, "cut off after a burst of 20: " + statuses);
        assertEquals(Set.of(401, 429), Set.copyOf(statuses), "guesses get their 401 until then: " + statuses);
    }

    /**
     * tasks-service stopped as docker compose stops it (SIGTERM, then the stop_grace_period) and started again while
     * users write and read through nginx: the requests in flight when it is told to stop are answered, every write
     * answered 201 is kept, and the rest get nginx's 503 problem+json "try again in a moment", only until the new
     * container serves (plus nginx's 10 s DNS validity, after which it finds the new address).
     */
    @Test
    @Order(12)
    void aServiceStoppedUnderLoadLosesNoAcknowledgedWrite() {
        StopUnderLoad load = new StopUnderLoad(UI, awaitLogin());
        StopUnderLoad.Outcome outcome = load.run(() -> {
            compose.compose(Duration.ofMinutes(2), "stop", "tasks");
            compose.compose(Duration.ofMinutes(1), "start", "tasks");
            compose.awaitHealthy(ComposeSystem.START, "tasks");
        });
        load.assertNoAcknowledgedWriteLost(outcome);
        StopUnderLoad.assertFailedOnlyAsDocumented(outcome, Duration.ofSeconds(15));
    }

    private static String logIn() {
        return given().baseUri(UI).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/users/login")
                .then().statusCode(200).extract().path("token");
    }

    /**
     * A login through nginx once it works again after a restart, within {@link #RECOVERY}. Healthy is not yet
     * reachable everywhere: nginx keeps a service's old address for up to 10 s (its resolver's valid=10s), and a
     * JVM the address of auth-service for up to 30 s; both then look the name up again by themselves.
     */
    private static String awaitLogin() {
        Response login = Poll.until(RECOVERY, EVERY_2_S, "a login through nginx works again",
                () -> given().baseUri(UI).contentType(ContentType.JSON)
                        .body(Map.of("email", email, "password", password)).when().post("/api/users/login"),
                answer -> answer.statusCode() == 200, answer -> answer.statusCode() + " " + answer.asString());
        return login.path("token");
    }

    private static int statusOf(String url) {
        try {
            return given().when().get(url).statusCode();
        } catch (Exception notListening) { // REST Assured throws the ConnectException itself, undeclared
            return -1;
        }
    }

    private static long addTask(String token, String title) {
        return given().baseUri(UI).header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("title", title, "text", "added through nginx in a container"))
                .when().post("/api/tasks")
                .then().statusCode(201).extract().jsonPath().getLong("createdTask.id");
    }

    /** Within {@link #RECOVERY}, as {@link #awaitLogin()}: nginx and the JVMs look addresses up again by themselves. */
    private static void assertKeptTaskIsListed(String token) {
        Poll.until(RECOVERY, EVERY_2_S, "GET /api/tasks answers 200 again", () -> given().baseUri(UI)
                .header("Authorization", "Bearer " + token).when().get("/api/tasks").statusCode() == 200);
        given().baseUri(UI).header("Authorization", "Bearer " + token)
                .when().get("/api/tasks")
                .then().log().ifValidationFails().statusCode(200).body("tasks.id", contains((int) keptTaskId));
    }

    private static void isQuicklyUnavailable(Response response) {
        response.then().time(lessThan(QUICK_MILLIS)).statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(503));
    }

}
