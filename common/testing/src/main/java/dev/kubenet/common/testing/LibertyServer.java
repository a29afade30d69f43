package dev.kubenet.common.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Liberty server controlled from a test the way an operator would: stop, start, or {@code kill -9}.
 */
public final class LibertyServer {

    private final Path installDir;
    private final String name;
    private final String baseUrl;
    private final Map<String, String> environment;

    /** A server of the install that this module's build created ({@code liberty.install.dir}). */
    public LibertyServer(String name, String baseUrl) {
        this(Path.of(System.getProperty("liberty.install.dir", "target/liberty/wlp")), name, baseUrl, Map.of());
    }

    /** @param environment what the server needs in its environment when it is started again (such as LOG_DIR) */
    public LibertyServer(Path installDir, String name, String baseUrl, Map<String, String> environment) {
        this.installDir = installDir;
        this.name = name;
        this.baseUrl = baseUrl;
        this.environment = Map.copyOf(environment);
    }

    public void stop() {
        run("stop");
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The same server, started from now on with these variables in its environment (such as DB_URL). */
    public LibertyServer withEnvironment(Map<String, String> environment) {
        return new LibertyServer(installDir, name, baseUrl, environment);
    }

    /** Starts the server and waits until it reports ready. */
    public void start() {
        run("start");
        awaitReady(Duration.ofSeconds(90));
    }

    /** Starts the server and waits only until its application has started: it need not be ready. */
    public void startUntilStarted() {
        run("start");
        awaitHealth("/health/started", 200, Duration.ofSeconds(90));
    }

    /** The server's own log of this run ({@code messages.log}: Liberty renames the previous one at start). */
    public Path messagesLog() {
        return installDir.resolve("usr/servers").resolve(name).resolve("logs/messages.log");
    }

    /** Kills the server's JVM without letting it shut down: whatever it had not written is lost. */
    public void kill() {
        try {
            long pid = Long.parseLong(Files.readString(installDir.resolve("usr/servers/.pid/" + name + ".pid")).strip());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " is not running"));
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not kill " + name, e);
        }
    }

    public void awaitReady(Duration timeout) {
        awaitHealth("/health/ready", 200, timeout);
    }

    private void awaitHealth(String path, int status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (given().baseUri(baseUrl).when().get(path).statusCode() == status) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // keep polling
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " did not answer " + status + " on " + path + " at " + baseUrl
                + " within " + timeout);
    }

    /** Waits until the server says it is not ready (503), as it does while its database is down. */
    public void awaitNotReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (given().baseUri(baseUrl).when().get("/health/ready").statusCode() == 503) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " still said it was ready at " + baseUrl + " after " + timeout);
    }

    private void run(String action) {
        try {
            ProcessBuilder builder = new ProcessBuilder(installDir.resolve("bin/server").toString(), action, name)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server " + action + " " + name + " did not finish");
            }
        } catch (IOException e) {
            throw new IllegalStateException("server " + action + " " + name + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
