package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each service's /metrics is for a Prometheus that scrapes the service itself, not for the public: through nginx, no
 * spelling of it reaches a service.
 */
@ExtendWith(RunningSystem.class)
class MetricsIT {

    @Test
    void theServicesServeTheirMetricsOnTheirOwnPorts() {
        for (String service : List.of(RunningSystem.USERS_SERVICE, RunningSystem.TASKS_SERVICE, "http://localhost:8070")) {
            given().baseUri(service).when().get("/metrics")
                    .then().statusCode(200).body(containsString("connectionpool_"));
        }
    }

    @Test
    void nginxDoesNotPassMetricsOn() {
        for (String path : List.of("/api/metrics", "/api/metrics/", "/api/users/metrics", "/api//metrics",
                "/api/./metrics", "/api/%6detrics", "/api/users/../metrics", "/api/metrics?scope=vendor")) {
            given().baseUri(RunningSystem.UI).urlEncodingEnabled(false).when().get(path)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("There is nothing at this address."));
        }
    }
}
