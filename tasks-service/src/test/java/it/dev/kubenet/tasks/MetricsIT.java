package it.dev.kubenet.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.AuthService;
import java.util.List;
import java.util.UUID;
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

        String metrics = given().baseUri(URL).when().get("/metrics")
                .then().statusCode(200).contentType(startsWith("text/plain")).extract().asString();

        for (String series : List.of(
                // Requests by route and status (Liberty's HTTP metrics).
                "http_server_request_duration_seconds_count\\{[^}]*http_request_method=\"GET\"[^}]*"
                        + "http_response_status_code=\"200\"[^}]*http_route=\"/tasks\"[^}]*\\} [1-9]",
                // A 401 of the token filter is counted under the route "/*" (refused before its resource ran).
                "http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"401\"[^}]*\\} [1-9]",
                // Latency: a histogram (common/liberty/jvm.options), whose buckets count every request up to their
                // bound: the GETs took less than 10 s.
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
}
