package it.dev.kubenet.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubenet.common.testing.AuthService;
import dev.kubenet.common.testing.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Every database connection comes back to the pool after many requests at once. Liberty's shared free list loses a
 * connection now and then under concurrency (BENCHMARKS.md, "A leak of pooled connections"); a lost one stays in use
 * for good, and once the pool is empty every request fails. With 4 request threads this test found 8 of 11
 * connections still in use after the load; connections kept on their threads lost none, but lose the recovery after
 * a database restart, so neither is shipped yet.
 */
@Disabled("known gap: Liberty's connection pool loses connections under concurrency; BENCHMARKS.md says what a fix "
        + "needs")
class ConnectionPoolIT {

    private static final String URL = System.getProperty("tasks.url", "http://localhost:8000");
    /** More clients than request threads, so requests queue and the threads switch often, as under real load. */
    private static final int CLIENTS = 32;
    private static final Duration LOAD = Duration.ofSeconds(40);
    private static final Pattern POOL_GAUGE =
            Pattern.compile("(?m)^connectionpool_(managedConnections|freeConnections)\\{[^}]*\\} ([0-9.]+)$");

    /** HTTP/1.1, as nginx and the REST clients speak to the services. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void afterManyConcurrentRequestsNoConnectionIsLeftInUse() throws Exception {
        String token = AuthService.tokenFor("user-" + UUID.randomUUID());
        HttpRequest list = HttpRequest.newBuilder(URI.create(URL + "/tasks"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build();
        Instant end = Instant.now().plus(LOAD);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Map<Integer, Integer>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> {
                    Map<Integer, Integer> statuses = new TreeMap<>();
                    while (Instant.now().isBefore(end)) {
                        statuses.merge(http.send(list, HttpResponse.BodyHandlers.discarding()).statusCode(), 1,
                                Integer::sum);
                    }
                    return statuses;
                }));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Map<Integer, Integer>> answer : answers) {
                answer.get().forEach((status, count) -> statuses.merge(status, count, Integer::sum));
            }
            assertEquals(List.of(200), List.copyOf(statuses.keySet()), "statuses and their counts: " + statuses);
        } finally {
            clients.shutdownNow();
        }

        Poll.until(Duration.ofSeconds(10), Duration.ofMillis(500),
                "every connection of the pool free again after the load", this::pool,
                pool -> pool.get("managedConnections").equals(pool.get("freeConnections")),
                pool -> pool + " (managed connections and the free ones among them)");
    }

    private Map<String, Double> pool() {
        try {
            HttpRequest metrics = HttpRequest.newBuilder(URI.create(URL + "/metrics")).GET().build();
            Matcher gauge = POOL_GAUGE.matcher(http.send(metrics, HttpResponse.BodyHandlers.ofString()).body());
            Map<String, Double> pool = new TreeMap<>();
            while (gauge.find()) {
                pool.put(gauge.group(1), Double.valueOf(gauge.group(2)));
            }
            assertEquals(2, pool.size(), "both gauges of the pool in /metrics: " + pool);
            return pool;
        } catch (IOException e) {
            throw new AssertionError("/metrics could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
