package it.dev.kubenet.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * HTTP/1.1 with a deadline, for the tests that need exact control of headers and bodies, or many threads at once.
 * A request that gets no answer within the deadline fails the test: a hang is a bug, never something to wait out.
 */
final class Http {

    /** Longer than nginx's proxy_read_timeout (15 s), so that a slow service shows as nginx's 503, not as a hang. */
    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final String PROBLEM_JSON = "application/problem+json";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(DEADLINE);
    }

    static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    static Reply send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        Instant start = Instant.now();
        try {
            HttpResponse<byte[]> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(),
                    new String(response.body(), StandardCharsets.UTF_8), Duration.between(start, Instant.now()));
        } catch (HttpTimeoutException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " got no answer within " + DEADLINE, e);
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer, with how long it took to arrive. */
    record Reply(int status, HttpHeaders headers, String body, Duration took) {

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        /** The one error format: application/problem+json with type, title, status (this one's) and detail. */
        void assertProblem() {
            assertTrue(contentType().startsWith(PROBLEM_JSON), "not problem+json: " + this);
            JsonNode problem = json();
            assertTrue(problem.path("type").isTextual(), "no type: " + this);
            assertTrue(problem.path("title").isTextual() && !problem.path("title").asText().isBlank(),
                    "no title: " + this);
            assertEquals(status, problem.path("status").asInt(), "status in the body: " + this);
            assertTrue(problem.path("detail").isTextual() && !problem.path("detail").asText().isBlank(),
                    "no detail: " + this);
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " after " + took.toMillis() + " ms: "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }
}
