package dev.kubenet.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.h2.tools.Server;

/**
 * The service under test started before its database is there, as on Kubernetes, where pods start before PostgreSQL
 * is ready, and under Compose after a host restart: the service starts, is live and not ready, answers a quick 503,
 * tries again and again, and becomes ready by itself once the database is there.
 * <p>
 * In {@code mvn verify -Ppostgresql} the database is the PostgreSQL cluster, stopped meanwhile. In the H2 run it is an
 * H2 TCP server that this test starts late, on a port where nothing listens until then; the service is started with
 * {@code DB_URL} pointing there, and afterwards restarted on its own database.
 */
public final class LateDatabase {

    /** The service's first tries are 1 s and then 2 s apart: it has tried at least twice once it says so. */
    private static final String SECOND_WAIT = "; migrating again in 2 s";

    private final LibertyServer service;
    private final Database database;

    private LateDatabase(LibertyServer service, Database database) {
        this.service = service;
        this.database = database;
    }

    /** The service's own database, or why it cannot be kept away here. */
    public static LateDatabase of(String serverName, String url) {
        LibertyServer service = new LibertyServer(serverName, url);
        return new LateDatabase(service, PostgreSql.isUsedBy(serverName) ? new PostgreSqlCluster() : new H2TcpServer());
    }

    public Optional<String> whyNotHere() {
        return database.whyNotHere();
    }

    /**
     * Stops the service, starts it while its database is away, checks its health, runs {@code whileAway}, waits until
     * it has tried twice, brings the database, waits until the service is ready by itself and runs {@code onceThere}.
     */
    public void startServiceFirst(Runnable whileAway, Runnable onceThere) {
        service.stop();
        try {
            try {
                database.keepAway();
                service.withEnvironment(database.serviceEnvironment()).startUntilStarted();
                isWaitingForItsDatabase();
                whileAway.run();
                awaitInLog(SECOND_WAIT, Duration.ofSeconds(30));
            } finally {
                database.bringBack();
            }
            service.awaitReady(Duration.ofSeconds(40));
            onceThere.run();
        } finally {
            database.restore(service);
        }
    }

    private void isWaitingForItsDatabase() {
        String url = service.baseUrl();
        given().baseUri(url).when().get("/health/live").then().statusCode(200);
        given().baseUri(url).when().get("/health/started").then().statusCode(200);
        given().baseUri(url).when().get("/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database' }.data.schema",
                        startsWith("not migrated yet: database not reachable (SQLState "));
    }

    private void awaitInLog(String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!log().contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("\"" + text + "\" not in " + service.messagesLog() + " within " + timeout);
            }
            LibertyServer.sleep(250);
        }
    }

    private String log() {
        try {
            return Files.readString(service.messagesLog(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Database {

        Optional<String> whyNotHere();

        void keepAway();

        Map<String, String> serviceEnvironment();

        void bringBack();

        void restore(LibertyServer service);
    }

    private static final class PostgreSqlCluster implements Database {

        @Override
        public Optional<String> whyNotHere() {
            return PostgreSql.canBeControlledHere() ? Optional.empty()
                    : Optional.of("stopping PostgreSQL needs root and pg_ctlcluster, as in CI");
        }

        @Override
        public void keepAway() {
            PostgreSql.stop();
        }

        @Override
        public Map<String, String> serviceEnvironment() {
            return Map.of();
        }

        @Override
        public void bringBack() {
            PostgreSql.start();
        }

        @Override
        public void restore(LibertyServer service) {
            // The service stays on the cluster, which is back.
        }
    }

    private static final class H2TcpServer implements Database {

        private final int port = freePort();
        private Server server;

        @Override
        public Optional<String> whyNotHere() {
            return Optional.empty();
        }

        @Override
        public void keepAway() {
            // Nothing listens on the port until bringBack.
        }

        @Override
        public Map<String, String> serviceEnvironment() {
            return Map.of("DB_URL", "jdbc:h2:tcp://localhost:" + port + "/mem:late;DB_CLOSE_DELAY=-1");
        }

        /** Listens on loopback only (no -tcpAllowOthers); -ifNotExists lets the service create the database. */
        @Override
        public void bringBack() {
            try {
                server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not start H2 on port " + port, e);
            }
        }

        @Override
        public void restore(LibertyServer service) {
            service.stop();
            try {
                service.start();
            } finally {
                if (server != null) {
                    server.stop();
                }
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
