package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.Poll;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One request through nginx is one trace: nginx gives it a trace id (or keeps the client's), tasks-service's span
 * and its REST client's call carry it to auth-service, whose span joins the same trace. The spans are those the
 * services really made: the test servers write them into their messages.log (OTEL_TRACES_EXPORTER=console, set for
 * the system tests in this module's POM), as a collector would receive them over OTLP. The trace id the client is
 * shown (Liberty's io.openliberty.trace header, which the UI's panel shows) is the one in the spans and in every
 * hop's access log line.
 */
@ExtendWith(RunningSystem.class)
class TraceIT {

    private static final Path LOGS = RunningSystem.RUN_DIR.resolve("logs");
    private static final Duration LOGGED = Duration.ofSeconds(15);
    /** Liberty's header on each answer it traced: the trace id, then the id of the service's span for the request. */
    private static final Pattern TRACE = Pattern.compile("([0-9a-f]{32}):([0-9a-f]{16})");
    private static final Random RANDOM = new Random();

    /**
     * What a span exported by OpenTelemetry's logging exporter says of itself: 'name' : trace id, span id, kind, then
     * its attributes, of which the path: url.path for a request served, url.full for a call made.
     */
    private record Span(String name, String traceId, String spanId, String kind, String path) {
    }

    private static List<Span> spans(String service, String traceId) {
        Pattern span = Pattern.compile("'([^']*)' : (" + traceId + ") ([0-9a-f]{16}) ([A-Z]+) .*?"
                + "\\burl\\.(?:path|full)=([^,}]*)");
        Matcher matcher = span.matcher(messages(service));
        return matcher.results().map(m -> new Span(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)))
                .toList();
    }

    private static <T> T await(String what, Supplier<T> ask, Predicate<? super T> awaited) {
        return Poll.until(LOGGED, Duration.ofMillis(200), what, ask, awaited, String::valueOf);
    }

    /** All of a service's messages logs: Liberty starts a new one when the current one is full (20 MB). */
    private static String messages(String service) {
        try (Stream<Path> logs = Files.list(LOGS.resolve(service))) {
            return logs.filter(log -> log.getFileName().toString().startsWith("messages")).sorted()
                    .map(TraceIT::read).collect(Collectors.joining());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> linesOf(String log, String containing) {
        return read(LOGS.resolve(log)).lines().filter(line -> line.contains(containing)).toList();
    }

    private static Matcher trace(Response response) {
        String header = response.header("io.openliberty.trace");
        Matcher matcher = TRACE.matcher(header == null ? "" : header);
        assertTrue(matcher.matches(), "io.openliberty.trace: " + header);
        return matcher;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Test
    void oneRequestThroughNginxIsOneTraceOverTasksServiceAndAuthService() {
        // A token tasks-service has never seen: it asks auth-service (not its cache) to verify it.
        Account account = Account.signUp("trace");
        Response answer = given().baseUri(RunningSystem.UI).header("Authorization", account.bearer()).get("/api/tasks");
        answer.then().statusCode(200);
        Matcher shown = trace(answer);
        String traceId = shown.group(1);
        String tasksSpanId = shown.group(2);

        List<Span> tasks = await("tasks-service's spans of trace " + traceId,
                () -> spans("tasks-service", traceId), found -> found.size() >= 2);
        List<Span> auth = await("auth-service's span of trace " + traceId,
                () -> spans("auth-service", traceId), found -> !found.isEmpty());

        // tasks-service: its span for GET /tasks (the one the answer names) and its call to auth-service.
        assertTrue(tasks.contains(new Span("GET /tasks", traceId, tasksSpanId, "SERVER", "/tasks")), tasks.toString());
        assertTrue(tasks.stream().anyMatch(span -> span.kind().equals("CLIENT")
                && span.path().equals("http://localhost:8070/verify-token")), tasks.toString());
        // auth-service: its span for the verification, in the same trace. (Liberty names it "GET /": its http.route
        // misses a method's @Path inherited from an interface, here common/auth-api's TokenApi.)
        assertEquals(1, auth.size(), auth.toString());
        assertEquals("SERVER", auth.get(0).kind(), auth.toString());
        assertEquals("/verify-token", auth.get(0).path(), auth.toString());
        assertTrue(spans("users-service", traceId).isEmpty(), "users-service took no part");

        // Every hop's access log line names the same trace.
        await("nginx's access log line of trace " + traceId,
                () -> linesOf("nginx/access.log", "trace=" + traceId), lines -> lines.size() == 1);
        await("tasks-service's access log line of trace " + traceId,
                () -> linesOf("tasks-service/http_access.log", "trace=" + traceId + ":" + tasksSpanId),
                lines -> lines.size() == 1 && lines.get(0).contains("\"GET /tasks HTTP/1.1\" 200"));
        await("auth-service's access log line of trace " + traceId,
                () -> linesOf("auth-service/http_access.log", "trace=" + traceId + ":"),
                lines -> lines.size() == 1 && lines.get(0).contains("\"GET /verify-token HTTP/1.1\" 200"));
    }

    @Test
    void aClientsOwnTraceIsContinuedAndAMalformedOneReplaced() {
        Account account = Account.signUp("trace-client");
        String clientTrace = randomHex(16);
        Response continued = given().baseUri(RunningSystem.UI).header("Authorization", account.bearer())
                .header("traceparent", "00-" + clientTrace + "-" + randomHex(8) + "-01").get("/api/tasks");
        continued.then().statusCode(200);
        assertEquals(clientTrace, trace(continued).group(1));
        await("auth-service's span of the client's trace",
                () -> spans("auth-service", clientTrace), found -> !found.isEmpty());

        for (String malformed : List.of("00-" + "0".repeat(32) + "-" + randomHex(8) + "-01",
                "00-" + clientTrace.toUpperCase() + "-" + randomHex(8) + "-01", clientTrace)) {
            Response replaced = given().baseUri(RunningSystem.UI).header("Authorization", account.bearer())
                    .header("traceparent", malformed).get("/api/tasks");
            replaced.then().statusCode(200);
            String traceId = trace(replaced).group(1);
            assertNotEquals(clientTrace, traceId, malformed);
            assertNotEquals("0".repeat(32), traceId, malformed);
            // nginx made this id: its access log line holds it.
            await("nginx's access log line of trace " + traceId,
                    () -> linesOf("nginx/access.log", "trace=" + traceId), lines -> lines.size() == 1);
        }
    }
}
