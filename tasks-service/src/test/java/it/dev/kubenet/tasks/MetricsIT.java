package it.dev.kubenet.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.AuthService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * tasks-service's /metrics, in Prometheus' text format, as a Prometheus scraping the pod reads it after a user listed
 * their tasks twice (one call to auth-service, then the cache).
 */
class MetricsIT {

    private static final String URL = System.getProperty("tasks.url", "http://localhost:8000");

    @Test
    void afterRequestsTheMetricsNameTheirRouteStatusTimesTheCacheTheCircuitBreakerAndThePool() {
        String token = AuthService.tokenFor("user-" + UUID.randomUUID());
        for (int i = 0; i < 2; i++) {
            given().baseUri(URL).auth().oauth2(token).when().get("/tasks").then().statusCode(200);
        }
        given().baseUri(URL).when().get("/tasks").then().statusCode(401);
        given().baseUri(URL).when().get("/no-such-route").then().statusCode(404);

        String metrics = given().baseUri(URL).when().get("/metrics")
                .then().statusCode(200).contentType(startsWith("text/plain")).extract().asString();

        for (String series : List.of(
                // Requests by route and status (common-http's RequestDurationMetric).
                "http_server_request_duration_seconds_count\\{[^}]*http_request_method=\"GET\"[^}]*"
                        + "http_response_status_code=\"200\"[^}]*http_route=\"/tasks\"[^}]*\\} [1-9]",
                // A request that matched no resource: one route for all of them, not one per address asked for.
                "http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"404\"[^}]*"
                        + "http_route=\"/\\*\"[^}]*\\} [1-9]",
                // A 401 of the token filter is counted too.
                "http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"401\"[^}]*\\} [1-9]",
                // Latency: a histogram (common-http's microprofile-config.properties), whose buckets count every
                // request up to their bound: the GETs took less than 10 s.
                "# TYPE http_server_request_duration_seconds histogram",
                "http_server_request_duration_seconds_bucket\\{[^}]*http_response_status_code=\"200\"[^}]*"
                        + "http_route=\"/tasks\"[^}]*le=\"10\\.0\"[^}]*\\} [1-9]",
                "http_server_request_duration_seconds_sum\\{[^}]*http_route=\"/tasks\"[^}]*\\} [0-9]",
                // The verification cache (VerifiedTokens, through MicroProfile Metrics).
                "verifiedTokens_lookups_total\\{[^}]*answer=\"cache\"[^}]*\\} [1-9]",
                "verifiedTokens_lookups_total\\{[^}]*answer=\"auth-service\"[^}]*\\} [1-9]",
                "verifiedTokens_cacheHitRatio\\{[^}]*\\} 0\\.[0-9]",
                // The call to auth-service: its circuit breaker (mpFaultTolerance with mpMetrics).
                "ft_circuitbreaker_state_total_nanoseconds\\{[^}]*method=\"dev\\.kubenet\\.common\\.authclient\\.AuthServiceCalls"
                        + "\\.verifiedToken\"[^}]*state=\"closed\"",
                "ft_invocations_total\\{[^}]*method=\"dev\\.kubenet\\.common\\.authclient\\.AuthServiceCalls"
                        + "\\.verifiedToken\"[^}]*result=\"valueReturned\"[^}]*\\} [1-9]",
                // The database connection pool (Liberty's connectionpool monitor).
                "connectionpool_managedConnections\\{[^}]*datasource=\"jdbc_serviceDb\"")) {
            assertTrue(Pattern.compile(series).matcher(metrics).find(), series + " in:\n" + metrics);
        }
        // Buckets instead of the per-replica quantiles, which no sum over replicas could make sense of.
        assertFalse(Pattern.compile("http_server_request_duration_seconds\\{[^}]*quantile=").matcher(metrics).find(),
                metrics);
    }

    /**
     * The latency histogram has exactly the buckets that common-http's microprofile-config.properties asks for: a
     * value that MicroProfile Metrics cannot read ("2.5s": only whole numbers with a unit) would be dropped with no
     * more than a warning in the log.
     */
    @Test
    void theLatencyHistogramServesEveryConfiguredBucket() throws IOException {
        String property = "mp.metrics.distribution.timer.buckets=http.server.request.duration=";
        String configured = Files.readAllLines(
                        Path.of("../common/http/src/main/resources/META-INF/microprofile-config.properties")).stream()
                .filter(line -> line.startsWith(property)).findFirst().orElseThrow().substring(property.length());
        Set<Double> asked = new TreeSet<>();
        for (String bucket : configured.split(",")) {
            Matcher value = Pattern.compile("(\\d+)(ms|s)").matcher(bucket);
            assertTrue(value.matches(), "not a whole number of ms or s: " + bucket);
            asked.add(Long.parseLong(value.group(1)) / (value.group(2).equals("ms") ? 1000.0 : 1.0));
        }
        given().baseUri(URL).when().get("/tasks").then().statusCode(401);
        String metrics = given().baseUri(URL).when().get("/metrics").then().statusCode(200).extract().asString();
        Matcher series = Pattern.compile("http_server_request_duration_seconds_bucket\\{[^}]*"
                + "http_route=\"/tasks\"[^}]*le=\"([^\"]+)\"").matcher(metrics);
        Set<Double> served = new TreeSet<>();
        while (series.find()) {
            if (!series.group(1).equals("+Inf")) {
                served.add(Double.parseDouble(series.group(1)));
            }
        }
        assertEquals(asked, served, "the buckets of /tasks' latency; asked for " + configured);
    }
}
