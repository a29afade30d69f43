package it.dev.kubenet.tasks;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.AuthService;
import dev.kubenet.common.testing.LibertyServer;
import dev.kubenet.common.testing.ServerTimingEntry;
import io.restassured.response.Response;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With NETWORK_DETAILS on (as the build starts the test server), every answer of tasks-service says in its
 * Server-Timing header who answered and how it reached auth-service; with it off, nothing.
 */
class NetworkDetailsIT {

    private static final String URL = System.getProperty("tasks.url", "http://localhost:8000");

    private static Response list(String token) {
        return given().baseUri(URL).auth().oauth2(token).when().get("/tasks");
    }

    private static List<ServerTimingEntry> entries(Response response) {
        return ServerTimingEntry.parse(response.headers().getValues("Server-Timing"));
    }

    @Test
    void theFirstRequestOfATokenNamesTheServiceAndTheCallToAuthServiceAndTheNextOneTheCache() throws Exception {
        String token = AuthService.tokenFor("user-" + UUID.randomUUID());

        Response first = list(token);
        first.then().statusCode(200);
        List<ServerTimingEntry> entries = entries(first);
        assertEquals(List.of("tasks-service", "auth-service"), entries.stream().map(ServerTimingEntry::name).toList(),
                entries.toString());
        ServerTimingEntry service = entries.get(0);
        assertTrue(service.millis().orElseThrow() > 0, service.toString());
        assertFalse(service.description().get("host").isBlank(), service.toString());
        ServerTimingEntry call = entries.get(1);
        Map<String, String> described = call.description();
        assertEquals("verify-token", described.get("call"), call.toString());
        // The test server has neither AUTH_ADDRESS nor the injected variables: the developer's default.
        assertEquals("http://localhost:8070", described.get("address"), call.toString());
        assertEquals("default", described.get("from"), call.toString());
        assertTrue(InetAddress.getByName(described.get("ip")).isLoopbackAddress(), call.toString());
        assertEquals("answered", described.get("outcome"), call.toString());
        assertTrue(call.millis().orElseThrow() > 0 && call.millis().get() <= service.millis().get(), entries.toString());

        List<ServerTimingEntry> again = entries(list(token));
        assertEquals(List.of("tasks-service", "auth-service"), again.stream().map(ServerTimingEntry::name).toList());
        assertEquals(Map.of("call", "verify-token", "cache", "hit"), again.get(1).description(), again.toString());
        assertFalse(first.headers().getValues("Server-Timing").toString().contains(token), "no token in the header");
    }

    @Test
    void aRefusedRequestStillSaysWhoRefusedIt() {
        Response refused = given().baseUri(URL).when().get("/tasks");
        refused.then().statusCode(401);
        List<ServerTimingEntry> entries = entries(refused);
        assertEquals(List.of("tasks-service"), entries.stream().map(ServerTimingEntry::name).toList(), entries.toString());
    }

    @Test
    @Tag("restarts-servers")
    void withTheSwitchOffNoAnswerTellsAnything() {
        LibertyServer tasks = new LibertyServer("defaultServer", URL);
        String token = AuthService.tokenFor("user-" + UUID.randomUUID());
        tasks.stop();
        // A system property outranks the environment (NETWORK_DETAILS=true in the test server's server.env).
        LibertyServer off = tasks.withEnvironment(Map.of("JVM_ARGS", "-Dnetwork.details=false"));
        try {
            off.start();
            Response answer = list(token);
            answer.then().statusCode(200);
            assertEquals(List.of(), answer.headers().getValues("Server-Timing"));
            Response refused = given().baseUri(URL).when().get("/tasks");
            refused.then().statusCode(401);
            assertEquals(List.of(), refused.headers().getValues("Server-Timing"));
        } finally {
            off.stop();
            tasks.start();
        }
    }
}
