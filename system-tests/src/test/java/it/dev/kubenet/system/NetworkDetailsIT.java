package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.ServerTimingEntry;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a learner sees of each request's path in the browser's Server-Timing entries, through nginx as ./run.sh starts
 * it (NETWORK_DETAILS on): the service that answered, its call to auth-service or the cache that answered instead,
 * and nginx, which names the upstream it chose.
 */
@ExtendWith(RunningSystem.class)
class NetworkDetailsIT {

    private static List<ServerTimingEntry> entries(Response response) {
        return ServerTimingEntry.parse(response.headers().getValues("Server-Timing"));
    }

    private static List<String> names(List<ServerTimingEntry> entries) {
        return entries.stream().map(ServerTimingEntry::name).toList();
    }

    @Test
    void listingTasksNamesNginxTasksServiceAndAuthServiceThenTheCache() {
        Account account = Account.signUp("hops");

        Response first = given().baseUri(RunningSystem.UI).header("Authorization", account.bearer()).get("/api/tasks");
        first.then().statusCode(200);
        List<ServerTimingEntry> entries = entries(first);
        assertEquals(List.of("tasks-service", "auth-service", "nginx"), names(entries), entries.toString());
        assertFalse(entries.get(0).description().get("host").isBlank(), entries.toString());
        // ./run.sh sets no AUTH_ADDRESS: the services find auth-service at the developer's default.
        assertEquals(Map.of("call", "verify-token", "address", "http://localhost:8070", "from", "default",
                "ip", "127.0.0.1", "outcome", "answered"), entries.get(1).description(), entries.toString());
        ServerTimingEntry nginx = entries.get(2);
        assertEquals(Map.of("group", "tasks_service", "upstream", "127.0.0.1:8000"), nginx.description(),
                entries.toString());
        // nginx's time (whole milliseconds) covers tasks-service's, which covers its call to auth-service.
        double service = entries.get(0).millis().orElseThrow();
        assertTrue(entries.get(1).millis().orElseThrow() <= service, entries.toString());
        assertTrue(nginx.millis().orElseThrow() >= Math.floor(service), entries.toString());

        List<ServerTimingEntry> again = entries(
                given().baseUri(RunningSystem.UI).header("Authorization", account.bearer()).get("/api/tasks"));
        assertEquals(Map.of("call", "verify-token", "cache", "hit"), again.get(1).description(), again.toString());

        Response logout = given().baseUri(RunningSystem.UI).header("Authorization", account.bearer())
                .post("/api/users/logout");
        List<ServerTimingEntry> loggedOut = entries(logout);
        assertEquals(List.of("users-service", "auth-service", "nginx"), names(loggedOut), loggedOut.toString());
        assertEquals("revoked-tokens", loggedOut.get(1).description().get("call"), loggedOut.toString());
        assertEquals(Map.of("group", "users_service", "upstream", "127.0.0.1:8080"), loggedOut.get(2).description(),
                loggedOut.toString());
        for (Response answer : List.of(first, logout)) {
            String header = answer.headers().getValues("Server-Timing").toString();
            assertFalse(header.contains(account.token()) || header.contains(account.password()), header);
        }
    }

    @Test
    void theUiFilesTellNothing() {
        Response page = given().baseUri(RunningSystem.UI).accept("text/html").get("/");
        page.then().statusCode(200);
        assertEquals(List.of(), page.headers().getValues("Server-Timing"));
    }
}
