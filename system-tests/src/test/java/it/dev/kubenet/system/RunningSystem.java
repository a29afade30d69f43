package it.dev.kubenet.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole system once for all system tests, exactly as a newcomer does: {@code ./run.sh}, with its data
 * and logs in target/run instead of the checkout's .run/. {@code ./run.sh stop} stops it when the test JVM ends.
 */
public final class RunningSystem implements BeforeAllCallback {

    public static final String UI = "http://localhost:8090";
    /** The public services without nginx in front: no rate limit on login and signup there. */
    static final String USERS_SERVICE = "http://localhost:8080";
    static final String TASKS_SERVICE = "http://localhost:8000";
    /** How long tasks-service remembers auth-service's "yes" for a token (VerifiedTokens, token.cache.seconds). */
    static final Duration TOKEN_CACHE = Duration.ofSeconds(10);
    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    static final Path RUN_DIR = Path.of(System.getProperty("run.dir", "target/run")).toAbsolutePath();
    /** The keys run.sh made (scripts/secrets.sh): the token signing key and each caller's key pair. */
    static final Path SECRETS = RUN_DIR.resolve("secrets");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private static boolean started;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        if (started) {
            return;
        }
        Files.createDirectories(RUN_DIR);
        Path output = RUN_DIR.resolve("run.sh.log");
        Process run = runSh(output).start();
        run.getOutputStream().close();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(run)));
        awaitReady(run, output);
        started = true;
    }

    private static ProcessBuilder runSh(Path output, String... arguments) {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("run.sh").toString());
        builder.command().addAll(List.of(arguments));
        builder.environment().put("KUBENET_RUN_DIR", RUN_DIR.toString());
        return builder.directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    }

    private static void awaitReady(Process run, Path output) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String log = Files.readString(output, StandardCharsets.UTF_8);
            if (log.contains("The system is ready")) {
                return;
            }
            if (!run.isAlive()) {
                throw new IllegalStateException("./run.sh ended before the system was ready:\n" + log);
            }
            TimeUnit.SECONDS.sleep(1);
        }
        throw new IllegalStateException("./run.sh was not ready within " + START_TIMEOUT + "; see " + output);
    }

    /** ./run.sh stop stops the servers; the ./run.sh that started them waits for Ctrl-C, so it is ended too. */
    private static void stop(Process run) {
        try {
            runSh(RUN_DIR.resolve("run.sh-stop.log"), "stop").start().waitFor(2, TimeUnit.MINUTES);
            run.destroy();
            run.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
