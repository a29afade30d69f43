package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.kubenet.common.testing.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code OTEL_EXPORTER_OTLP_ENDPOINT} set and nothing else (docs/observability.md's one line), a service
 * sends its spans to that collector over OTLP/HTTP. The collector here is a stand-in that only records what it is
 * sent (no OpenTelemetry Collector is installable on this machine): tasks-service is restarted pointing at it, and one request
 * through nginx must reach it as a protobuf POST to /v1/traces holding that request's trace id and the service's name.
 */
@ExtendWith(RunningSystem.class)
class OtlpExportIT {

    /** What the collector stand-in was sent: the path, the content type and the body of each request. */
    private record Export(String path, String contentType, byte[] body) {

        boolean holds(byte[] bytes) {
            for (int at = 0; at + bytes.length <= body.length; at++) {
                if (Arrays.equals(body, at, at + bytes.length, bytes, 0, bytes.length)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return path + " (" + contentType + ", " + body.length + " bytes)";
        }
    }

    private static final List<Export> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer collector;

    @BeforeAll
    static void tasksServiceSendsItsSpansToACollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                RECEIVED.add(new Export(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body.readAllBytes()));
            }
            // An empty ExportTraceServiceResponse: everything accepted.
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        // The system tests' servers log their spans (OTEL_TRACES_EXPORTER=console, this module's POM): emptied here,
        // so that the endpoint alone decides, as it does in a deployment.
        restartTasksWith(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "OTEL_TRACES_EXPORTER", ""));
    }

    @AfterAll
    static void backToTheDefault() {
        restartTasksWith(Map.of());
        collector.stop(0);
    }

    private static void restartTasksWith(Map<String, String> environment) {
        var tasks = RunServers.tasks(environment);
        tasks.stop();
        tasks.start();
    }

    @Test
    void oneRequestsSpanReachesTheCollectorOverOtlpHttp() {
        Account account = Account.signUp("otlp");
        String trace = given().baseUri(RunningSystem.UI).header("Authorization", account.bearer())
                .when().get("/api/tasks").then().statusCode(200).extract().header("io.openliberty.trace");
        assertTrue(trace != null && trace.matches("[0-9a-f]{32}:[0-9a-f]{16}"), "io.openliberty.trace: " + trace);
        // In OTLP's protobuf a span's trace id is its 16 bytes, and the resource's service.name a plain string.
        byte[] traceId = HexFormat.of().parseHex(trace.substring(0, 32));
        byte[] serviceName = "tasks-service".getBytes(StandardCharsets.UTF_8);

        // The SDK sends its spans in batches, every 5 s.
        Export export = Poll.until(Duration.ofSeconds(30), Duration.ofMillis(250),
                "the collector to receive trace " + trace,
                () -> RECEIVED.stream().filter(sent -> sent.holds(traceId)).findFirst(), Optional::isPresent,
                none -> "received " + RECEIVED).orElseThrow();
        assertTrue(export.path().equals("/v1/traces"), export.toString());
        assertTrue("application/x-protobuf".equals(export.contentType()), export.toString());
        assertTrue(export.holds(serviceName), "the spans name their service: " + export);
    }
}
