package it.dev.kubenet.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.Poll;
import io.restassured.http.Headers;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One trace from nginx's container to tasks-service's: the trace id tasks-service's answer names (Liberty's
 * io.openliberty.trace header, MicroProfile Telemetry in the image) is the one nginx wrote at the end of its access
 * log line for the request (log_format traced), which is the container's output.
 */
final class NginxTrace {

    private NginxTrace() {
    }

    /** @param nginxLog the frontend container's output, read again until the line is there */
    static void loggedByNginx(Headers answer, String request, Supplier<String> nginxLog) {
        String trace = answer.getValue("io.openliberty.trace");
        assertTrue(trace != null && trace.matches("[0-9a-f]{32}:[0-9a-f]{16}"), "io.openliberty.trace: " + trace);
        String traceId = trace.substring(0, 32);
        Poll.until(Duration.ofSeconds(10), Duration.ofMillis(500), "nginx's log line of trace " + traceId,
                () -> nginxLog.get().lines().anyMatch(line ->
                        line.contains("\"" + request + " HTTP/1.1\" 200") && line.endsWith(" trace=" + traceId)));
    }
}
