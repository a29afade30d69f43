package it.dev.kubenet.containers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.Poll;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.function.Executable;

/**
 * Writes and reads of one user's tasks through nginx, from several clients at once, while a server is stopped: what
 * every request got, and what the user finds afterwards. Each request opens a connection of its own and closes it
 * (Connection: close), as a client that never reuses one: a browser sends a request again by itself when a connection
 * it reused was closed before any answer came, and this client has no such retry to hide a loss behind.
 */
final class StopUnderLoad {

    private static final int CLIENTS = 4;
    private static final Duration BEFORE = Duration.ofSeconds(5);
    private static final Duration AFTER = Duration.ofSeconds(10);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(200);

    /**
     * One request: when it was sent and answered, and the answer's status (-1: none), content type, and, for a
     * failure, the start of its body (or what went wrong) and the hops that Server-Timing names.
     */
    record Answer(Instant sent, Instant answered, String request, int status, String contentType, String detail) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return sent + " " + request + " -> " + (status < 0 ? "" : status + " " + contentType + " ") + detail
                    + " (answered " + answered + ")";
        }
    }

    /**
     * @param answers  every request's answer
     * @param stopBegan when the stop action began (a server stopped, or stopped and started again)
     * @param stopEnded when it returned
     * @param written   the titles of the writes answered 201
     */
    record Outcome(List<Answer> answers, Instant stopBegan, Instant stopEnded, Set<String> written) {

        List<Answer> failures() {
            return answers.stream().filter(answer -> !answer.succeeded()).toList();
        }

        /** For the build log: how many requests, how many failed, and the first few that did. */
        String summary() {
            return answers.size() + " requests, " + written.size() + " writes acknowledged, " + failures().size()
                    + " failed; the stop ran from " + stopBegan + " to " + stopEnded + (failures().isEmpty() ? ""
                    : "; the first failures: " + failures().subList(0, Math.min(5, failures().size())));
        }
    }

    private final URI nginx;
    private final String token;

    /** @param nginx where the users' requests go, as {@code http://host:port} */
    StopUnderLoad(String nginx, String token) {
        this.nginx = URI.create(nginx);
        this.token = token;
    }

    /** Runs the load, {@code stop} after a few seconds of it, and the load a while longer once {@code stop} returns. */
    Outcome run(Runnable stop) {
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        Set<String> written = Collections.synchronizedSet(new HashSet<>());
        AtomicBoolean going = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int client = 0; client < CLIENTS; client++) {
            String prefix = "stop-" + client + "-" + Instant.now().toEpochMilli() + "-";
            clients.submit(() -> {
                for (int n = 0; going.get(); n++) {
                    String title = prefix + n;
                    Answer write = send("POST",
                            "{\"title\":\"" + title + "\",\"text\":\"written while a server stops\"}");
                    answers.add(write);
                    if (write.status() == 201) {
                        written.add(title);
                    }
                    Answer read = send("GET", null);
                    answers.add(read);
                    if (!write.succeeded() || !read.succeeded()) {
                        // A client that was told to come back later does not hammer the door meanwhile.
                        Shell.sleep(PAUSE_AFTER_FAILURE);
                    }
                }
            });
        }
        Shell.sleep(BEFORE);
        Instant began = Instant.now();
        Instant ended;
        try {
            stop.run();
            ended = Instant.now();
            Shell.sleep(AFTER);
        } finally {
            going.set(false);
            clients.shutdown();
            try {
                clients.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Outcome outcome = new Outcome(List.copyOf(answers), began, ended, Set.copyOf(written));
        // For the build log: what a stop costs.
        System.out.println("Under load while a server stopped: " + outcome.summary());
        return outcome;
    }

    /** Every write that was answered 201 is among the user's tasks afterwards. */
    void assertNoAcknowledgedWriteLost(Outcome outcome) {
        Set<String> listed = new HashSet<>();
        String before = "";
        while (true) {
            // The newest 100 first, then each time the 100 before the last id seen.
            String page = before;
            Response answer = Poll.until(Duration.ofMinutes(2), Duration.ofSeconds(2), "GET /api/tasks answers 200",
                    () -> given().baseUri(nginx.toString()).header("Authorization", "Bearer " + token)
                            .queryParam("limit", 100).when().get("/api/tasks" + page),
                    response -> response.statusCode() == 200, response -> response.statusCode() + " "
                            + response.asString());
            List<String> titles = answer.jsonPath().getList("tasks.title");
            List<Long> ids = answer.jsonPath().getList("tasks.id", Long.class);
            listed.addAll(titles);
            if (!answer.jsonPath().getBoolean("hasMore")) {
                break;
            }
            before = "?before=" + ids.get(ids.size() - 1);
        }
        Set<String> lost = new HashSet<>(outcome.written());
        lost.removeAll(listed);
        assertTrue(outcome.written().size() > 10, "too few writes acknowledged to tell: " + outcome.summary());
        assertEquals(Set.of(), lost, "writes answered 201 but not stored");
    }

    /**
     * Every request that failed got the answer the system documents for "unavailable, try again in a moment": a 503
     * problem+json (never a 502, a 500 or a broken connection), and only while the stop ran, or within {@code
     * settling} of its end.
     */
    static void assertFailedOnlyAsDocumented(Outcome outcome, Duration settling) {
        assertAll(outcome.failures().stream().<Executable>map(failure -> () -> {
            assertEquals(503, failure.status(), "not the documented 503: " + failure);
            assertEquals("application/problem+json", failure.contentType(), "not problem+json: " + failure);
            assertTrue(!failure.sent().isBefore(outcome.stopBegan())
                    && failure.answered().isBefore(outcome.stopEnded().plus(settling)),
                    "failed outside the stop (" + outcome.stopBegan() + " to " + outcome.stopEnded() + " + "
                            + settling + "): " + failure);
        }));
    }

    private Answer send(String method, String json) {
        Instant sent = Instant.now();
        String request = method + " /api/tasks";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(nginx.getHost(), nginx.getPort() < 0 ? 80 : nginx.getPort()), 3_000);
            // Above nginx's proxy_read_timeout (15 s): nginx answers first, if anyone does.
            socket.setSoTimeout(25_000);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String head = method + " /api/tasks HTTP/1.1\r\nHost: " + nginx.getHost() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\nConnection: close\r\n"
                    + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = readAll(socket.getInputStream());
            String[] lines = answer.split("\r\n");
            if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 ")) {
                return new Answer(sent, Instant.now(), request, -1, "", "no HTTP answer: " + answer);
            }
            int status = Integer.parseInt(lines[0].substring(9, 12));
            String contentType = "";
            List<String> hops = new ArrayList<>();
            for (String line : lines) {
                if (line.isEmpty()) {
                    break;
                }
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).strip();
                }
                if (lower.startsWith("server-timing:")) {
                    hops.add(line.substring("server-timing:".length()).strip());
                }
            }
            String content = answer.substring(Math.max(0, answer.indexOf("\r\n\r\n"))).strip();
            String detail = status < 300 ? "" : content.substring(0, Math.min(200, content.length())) + " hops " + hops;
            return new Answer(sent, Instant.now(), request, status, contentType, detail);
        } catch (IOException e) {
            return new Answer(sent, Instant.now(), request, -1, "", e.toString());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
