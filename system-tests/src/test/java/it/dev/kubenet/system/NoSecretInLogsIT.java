package it.dev.kubenet.system;

import static it.dev.kubenet.system.Http.request;
import static it.dev.kubenet.system.Http.send;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After every other system test: none of the passwords and tokens the tests sent (see {@link Secrets}) is in any log
 * of the run, that is anywhere under the run folder's logs/: the three services' Liberty logs (messages, console,
 * FFDC incidents), nginx's access and error logs, the build log.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(RunningSystem.class)
class NoSecretInLogsIT {

    private static final Path LOGS = RunningSystem.RUN_DIR.resolve("logs");

    @Test
    void noPasswordOrTokenThatTheTestsUsedIsInAnyLog() throws IOException {
        // Something the logs must hold, so that a search that finds nothing means something: nginx logs every path.
        String canary = "log-canary-" + UUID.randomUUID();
        send(request(RunningSystem.UI + "/api/" + canary));
        Map<Path, String> logs = readAllOnceLogged(canary);

        assertAll("the logs searched",
                () -> List.of("auth-service/messages.log", "users-service/messages.log", "tasks-service/messages.log",
                        "nginx/access.log").forEach(log -> assertFalse(
                                logs.getOrDefault(LOGS.resolve(log), "").isEmpty(), "missing or empty: " + log)),
                () -> assertFalse(filesContaining(logs, canary).isEmpty(),
                        "the search does not find what nginx logged"),
                () -> assertFalse(filesContaining(logs, "auth-service address: ").isEmpty(),
                        "the search does not find what users-service logged"));
        assertAll("the secrets searched for",
                () -> assertFalse(Secrets.passwords().isEmpty(), "no password recorded: did the other tests run?"),
                () -> assertFalse(Secrets.tokens().isEmpty(), "no token recorded: did the other tests run?"));

        System.out.printf("Searching %d log files (%d KB) for %d passwords and %d tokens%n", logs.size(),
                logs.values().stream().mapToLong(String::length).sum() / 1024, Secrets.passwords().size(),
                Secrets.tokens().size());
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (String password : Secrets.passwords()) {
            search(logs, "password " + shown(password), password, found);
        }
        for (String token : Secrets.tokens()) {
            search(logs, "token " + shown(token), token, found);
            String[] parts = token.split("\\.");
            if (parts.length == 3 && parts[2].length() >= 16) {
                search(logs, "the signature of token " + shown(token), parts[2], found);
            }
        }
        assertEquals(Map.of(), found, "secrets in the logs (secret → log files), out of "
                + Secrets.passwords().size() + " passwords and " + Secrets.tokens().size() + " tokens");
    }

    private static void search(Map<Path, String> logs, String name, String secret, Map<String, Set<String>> found) {
        Set<String> files = filesContaining(logs, secret);
        if (!files.isEmpty()) {
            found.put(name, files);
        }
    }

    /** Searched as UTF-8 bytes, so a log in any encoding and with any stray bytes can be read. */
    private static Set<String> filesContaining(Map<Path, String> logs, String text) {
        String needle = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Set<String> files = new TreeSet<>();
        logs.forEach((file, content) -> {
            if (content.contains(needle)) {
                files.add(LOGS.relativize(file).toString());
            }
        });
        return files;
    }

    /**
     * nginx writes its access log in batches, at most a second late (run.sh): once the canary is there, so is
     * everything logged before it.
     */
    private static Map<Path, String> readAllOnceLogged(String canary) throws IOException {
        Map<Path, String> logs = readAll();
        for (int wait = 0; wait < 50 && filesContaining(logs, canary).isEmpty(); wait++) {
            LibertyServer.sleep(100);
            logs = readAll();
        }
        return logs;
    }

    private static Map<Path, String> readAll() throws IOException {
        assertTrue(Files.isDirectory(LOGS), "no logs at " + LOGS);
        Map<Path, String> logs = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(LOGS)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            try {
                logs.put(file, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return logs;
    }

    /** Enough of a secret to find it in the test, not all of it. */
    private static String shown(String secret) {
        return "'" + secret.substring(0, Math.min(12, secret.length())) + "…' (" + secret.length() + " characters)";
    }
}
