package it.dev.kubenet.system;

import static it.dev.kubenet.system.Http.request;
import static it.dev.kubenet.system.Http.send;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubenet.common.testing.ClientAddresses;
import dev.kubenet.common.testing.LibertyServer;
import it.dev.kubenet.system.Http.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What users see while parts of the running system fail: servers killed with kill -9, a rush of identical signups. */
@ExtendWith(RunningSystem.class)
class FaultsIT {

    /** This machine is shared and busy; a margin for scheduling on top of each configured timeout. */
    private static final Duration MARGIN = Duration.ofMillis(2000);
    /**
     * The longest a tasks request may take while auth-service is away: a verification may take auth.verify.timeout.ms
     * (1500), retried once after 100 ± 50 ms (AuthServiceCalls.verifiedToken's @Retry).
     */
    private static final Duration TASKS_LIMIT = Duration.ofMillis(1500 + 150 + 1500).plus(MARGIN);
    /** A login's password check may take auth.password.timeout.ms (5000), with no retry. */
    private static final Duration LOGIN_LIMIT = Duration.ofMillis(5000).plus(MARGIN);
    /** nginx's proxy_read_timeout: a service slower than this would get nginx's 503 instead of its own. */
    private static final Duration NGINX_READ_TIMEOUT = Duration.ofSeconds(15);

    @Test
    void authServiceKilledUnderLoadMeansQuick503sThenRecoveryWithoutAnyManualStep() {
        Account ann = Account.signUp("load");
        Account newcomer = Account.signUp("newcomer");
        Map<String, Supplier<HttpRequest.Builder>> requests = Map.of(
                "GET /api/tasks", () -> request(RunningSystem.UI + "/api/tasks").header("Authorization", ann.bearer()),
                "POST /login", () -> request(RunningSystem.USERS_SERVICE + "/login")
                        .header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh())
                        .header("Content-Type", "application/json")
                        .POST(Http.json("{\"email\":\"" + ann.email() + "\",\"password\":\"" + ann.password()
                                + "\"}")));
        LibertyServer auth = RunServers.auth();
        List<Load.Answer> answers;
        Instant killed;
        Instant restarted;
        Reply unseenToken;
        try (Load load = new Load(requests)) {
            load.awaitFromEach(Instant.now(), 200, 3, "before the kill");
            killed = Instant.now();
            auth.kill();
            try {
                unseenToken = send(request(RunningSystem.UI + "/api/tasks").header("Authorization", newcomer.bearer()));
                load.awaitFromEach(killed, 503, 3, "after the kill");
            } finally {
                restarted = Instant.now();
                auth.start();
            }
            load.awaitFromEach(Instant.now(), 200, 2, "once auth-service is back, with nothing else restarted");
            answers = load.stop();
        }
        assertAll(
                () -> assertEquals(Set.of(200, 503), statuses(answers), "every answer was a 200 or a 503"),
                () -> answers.stream().filter(answer -> answer.reply().status() == 503).forEach(answer -> {
                    answer.reply().assertProblem();
                    assertTrue(answer.reply().body().contains("authentication service is unavailable"),
                            "the service's own 503, not nginx's: " + answer);
                    assertTrue(answer.reply().headers().firstValue("Retry-After").isPresent(),
                            "Retry-After: " + answer);
                }),
                () -> assertWithin(answers, "GET /api/tasks", TASKS_LIMIT),
                // A token that tasks-service has not seen yet cannot be vouched for while auth-service is away...
                () -> assertEquals(503, unseenToken.status(), "a token tasks-service has not seen: " + unseenToken),
                () -> assertTrue(unseenToken.took().compareTo(TASKS_LIMIT) <= 0, "quickly: " + unseenToken),
                // ...and one it has seen is trusted for at most token.cache.seconds after auth-service's last "yes".
                () -> answers.stream().filter(answer -> answer.what().equals("GET /api/tasks")
                        && answer.reply().status() == 200 && answer.sent().isAfter(killed)
                        && answer.sent().isBefore(restarted)).forEach(answer ->
                        assertTrue(answer.sent().isBefore(killed.plus(RunningSystem.TOKEN_CACHE).plus(MARGIN)),
                                "a 200 long after auth-service was killed: " + answer)),
                () -> assertWithin(answers, "POST /login", LOGIN_LIMIT),
                () -> assertTrue(TASKS_LIMIT.compareTo(NGINX_READ_TIMEOUT) < 0
                        && LOGIN_LIMIT.compareTo(NGINX_READ_TIMEOUT) < 0, "the limits are below nginx's"),
                // The token from before the outage is still good: auth-service came back with the same key.
                () -> assertEquals(200, send(request(RunningSystem.UI + "/api/tasks")
                        .header("Authorization", ann.bearer())).status()));
    }

    @Test
    void everyTaskThatGot201SurvivesKill9OfTasksServiceInTheMiddleOfAStreamOfPosts() throws Exception {
        Account bob = Account.signUp("stream");
        Map<String, Long> created = new ConcurrentHashMap<>();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread stream = new Thread(() -> {
            for (int i = 1; streaming.get(); i++) {
                String title = "stream " + i;
                sent.add(title);
                try {
                    Reply reply = send(request(RunningSystem.UI + "/api/tasks")
                            .header("Authorization", bob.bearer())
                            .header("Content-Type", "application/json")
                            .POST(Http.json("{\"title\":\"" + title + "\"}")));
                    if (reply.status() == 201) {
                        created.put(title, reply.json().path("createdTask").path("id").asLong());
                        continue;
                    }
                } catch (RuntimeException | AssertionError e) {
                    // counted below, like any answer but a 201
                }
                failed.incrementAndGet();
                LibertyServer.sleep(100);
            }
        }, "stream of POST /api/tasks");
        LibertyServer tasks = RunServers.tasks();
        stream.start();
        try {
            awaitThat(() -> created.size() >= 20, "20 tasks stored before the kill");
            tasks.kill();
            int storedBeforeTheKill = created.size();
            try {
                awaitThat(() -> failed.get() >= 3, "the stream met the outage");
            } finally {
                tasks.start();
            }
            awaitThat(() -> created.size() >= storedBeforeTheKill + 5, "the stream goes on after the restart");
        } finally {
            streaming.set(false);
            stream.join(TimeUnit.SECONDS.toMillis(30));
        }

        JsonNode stored = send(request(RunningSystem.UI + "/api/tasks").header("Authorization", bob.bearer())).json();
        Map<String, Long> storedIds = new HashMap<>();
        List<String> titles = new ArrayList<>();
        stored.path("tasks").forEach(task -> {
            titles.add(task.path("title").asText());
            storedIds.put(task.path("title").asText(), task.path("id").asLong());
        });
        Map<String, Long> lost = created.entrySet().stream()
                .filter(task -> !task.getValue().equals(storedIds.get(task.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertAll(
                () -> assertEquals(Map.of(), lost, "tasks that got a 201 but are not stored (title → id)"),
                () -> assertEquals(new HashSet<>(titles).size(), titles.size(), "a task stored twice: " + titles),
                () -> assertTrue(sent.containsAll(titles), "stored tasks that nobody sent: " + titles));
    }

    @Test
    void fiftySimultaneousSignupsWithOneEmailMakeExactlyOneAccount() throws Exception {
        // Straight to users-service, from fifty clients: from one, the limits would answer most of them with a 429.
        String email = "race-" + UUID.randomUUID() + "@example.com";
        Instant start = Instant.now();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(50);
        Map<String, Future<Reply>> signups = new HashMap<>();
        try {
            for (int i = 0; i < 50; i++) {
                String password = Secrets.password("race password " + i + " " + UUID.randomUUID());
                HttpRequest.Builder signup = request(RunningSystem.USERS_SERVICE + "/signup")
                        .header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh())
                        .header("Content-Type", "application/json")
                        .POST(Http.json("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
                signups.put(password, clients.submit(() -> {
                    go.await();
                    return send(signup);
                }));
            }
            go.countDown();
            Map<Integer, List<String>> passwordsByStatus = new HashMap<>();
            for (Map.Entry<String, Future<Reply>> signup : signups.entrySet()) {
                Reply reply = signup.getValue().get(1, TimeUnit.MINUTES);
                passwordsByStatus.computeIfAbsent(reply.status(), status -> new ArrayList<>()).add(signup.getKey());
                if (reply.status() != 201) {
                    reply.assertProblem();
                }
                if (reply.status() == 503) {
                    assertTrue(reply.headers().firstValue("Retry-After").isPresent(), "no Retry-After: " + reply);
                }
            }
            // A signup whose hash takes longer than users-service waits (auth.password.timeout.ms, on a machine busy
            // with other work) gets a 503 and makes no account; the next one in line then wins. Anything else is a
            // defect: a 500, a second account.
            Map<Integer, Integer> counts = passwordsByStatus.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().size()));
            assertAll(
                    () -> assertEquals(1, counts.getOrDefault(201, 0), "accounts made: " + counts),
                    () -> assertTrue(Set.of(201, 409, 503).containsAll(counts.keySet()),
                            "answers other than 201, 409 and 503: " + counts));

            // The account is the winner's: its password logs in; a loser's does not, nor does a timed-out one's.
            Account.logIn(email, passwordsByStatus.get(201).get(0));
            List<String> losers = new ArrayList<>(passwordsByStatus.getOrDefault(503, List.of()));
            losers.add(passwordsByStatus.get(409).get(0));
            for (String loser : losers) {
                assertEquals(401, send(request(RunningSystem.USERS_SERVICE + "/login")
                        .header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh())
                        .header("Content-Type", "application/json")
                        .POST(Http.json("{\"email\":\"" + email + "\",\"password\":\"" + loser + "\"}")))
                        .status());
            }
            // A lost race is an expected outcome, not an incident for the operator to look into.
            assertEquals(List.of(), incidentsSince(start, "users-service"), "FFDC incident files written by the race");
        } finally {
            clients.shutdownNow();
        }
    }

    /** Liberty's FFDC files (logs/ffdc in the run folder) written or updated since then. */
    private static List<Path> incidentsSince(Instant since, String service) throws IOException {
        Path ffdc = RunningSystem.RUN_DIR.resolve("logs").resolve(service).resolve("ffdc");
        if (!Files.isDirectory(ffdc)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ffdc)) {
            return files.filter(file -> lastModified(file).isAfter(since)).toList();
        }
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Integer> statuses(List<Load.Answer> answers) {
        return answers.stream().map(answer -> answer.reply().status()).collect(Collectors.toSet());
    }

    private static void assertWithin(List<Load.Answer> answers, String what, Duration limit) {
        Load.Answer slowest = answers.stream().filter(answer -> answer.what().equals(what))
                .max((a, b) -> a.reply().took().compareTo(b.reply().took())).orElseThrow();
        assertTrue(slowest.reply().took().compareTo(limit) <= 0,
                what + ": the slowest answer took longer than " + limit.toMillis() + " ms: " + slowest);
    }

    private static void awaitThat(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "not within 90 s: " + what);
            LibertyServer.sleep(100);
        }
    }

    /** A few clients sending the same requests over and over until stopped; every answer is kept. */
    private static final class Load implements AutoCloseable {

        record Answer(String what, Instant sent, Reply reply) {
        }

        private static final int CLIENTS_PER_REQUEST = 2;
        private static final Duration PAUSE = Duration.ofMillis(50);

        private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        private final Queue<Throwable> unanswered = new ConcurrentLinkedQueue<>();
        private final Set<String> kinds;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients;

        Load(Map<String, Supplier<HttpRequest.Builder>> requests) {
            kinds = requests.keySet();
            clients = Executors.newFixedThreadPool(requests.size() * CLIENTS_PER_REQUEST);
            requests.forEach((what, request) -> {
                for (int i = 0; i < CLIENTS_PER_REQUEST; i++) {
                    clients.submit(() -> {
                        while (running.get()) {
                            Instant sent = Instant.now();
                            try {
                                answers.add(new Answer(what, sent, send(request.get())));
                            } catch (RuntimeException | AssertionError e) {
                                unanswered.add(e);
                            }
                            LibertyServer.sleep(PAUSE.toMillis());
                        }
                        return null;
                    });
                }
            });
        }

        /** Waits until each kind of request sent after {@code since} got {@code status} {@code count} times. */
        void awaitFromEach(Instant since, int status, int count, String when) {
            awaitThat(() -> kinds.stream().allMatch(what -> answers.stream()
                    .filter(answer -> answer.what().equals(what) && !answer.sent().isBefore(since)
                            && answer.reply().status() == status)
                    .count() >= count), count + " × " + status + " from each of " + kinds + " " + when);
        }

        /** Stops the clients; every request they sent must have had an answer. */
        List<Answer> stop() {
            running.set(false);
            clients.shutdown();
            try {
                assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS), "the load did not stop");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertEquals(List.of(), List.copyOf(unanswered), "requests without an answer");
            return List.copyOf(answers);
        }

        @Override
        public void close() {
            running.set(false);
            clients.shutdownNow();
        }
    }
}
