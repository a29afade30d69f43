package it.dev.kubenet.users;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.ClientAddresses;
import dev.kubenet.common.testing.ServerTimingEntry;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With NETWORK_DETAILS on (as the build starts the test server), signup and login say in their Server-Timing header
 * that users-service answered and which call it made to auth-service, where it found auth-service and how long that
 * took; never the password or the token.
 */
class NetworkDetailsIT {

    private static final String URL = System.getProperty("users.url", "http://localhost:8080");

    private static Response post(String path, String email, String password) {
        return given().baseUri(URL).header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh()).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post(path);
    }

    private static List<ServerTimingEntry> entries(Response response) {
        return ServerTimingEntry.parse(response.headers().getValues("Server-Timing"));
    }

    @Test
    void signupAndLoginNameUsersServiceAndTheirCallToAuthService() {
        String email = "hops-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse " + UUID.randomUUID();

        Response signup = post("/signup", email, password);
        signup.then().statusCode(201);
        assertCalled(signup, "hashed-password");

        Response login = post("/login", email, password);
        login.then().statusCode(200);
        assertCalled(login, "token");
        String token = login.path("token");

        for (Response answer : List.of(signup, login)) {
            String header = answer.headers().getValues("Server-Timing").toString();
            assertFalse(header.contains(password) || header.contains(token) || header.contains(email), header);
        }
    }

    @Test
    void anAnswerWithoutACallNamesOnlyUsersService() {
        Response invalid = post("/signup", "not an email", "short");
        invalid.then().statusCode(422);
        List<ServerTimingEntry> entries = entries(invalid);
        assertEquals(List.of("users-service"), entries.stream().map(ServerTimingEntry::name).toList(), entries.toString());
    }

    private static void assertCalled(Response answer, String route) {
        List<ServerTimingEntry> entries = entries(answer);
        assertEquals(List.of("users-service", "auth-service"), entries.stream().map(ServerTimingEntry::name).toList(),
                entries.toString());
        assertFalse(entries.get(0).description().get("host").isBlank(), entries.toString());
        Map<String, String> call = entries.get(1).description();
        assertEquals(route, call.get("call"), entries.toString());
        assertEquals("http://localhost:8070", call.get("address"), entries.toString());
        assertEquals("default", call.get("from"), entries.toString());
        assertEquals("answered", call.get("outcome"), entries.toString());
        assertTrue(entries.get(1).millis().orElseThrow() <= entries.get(0).millis().orElseThrow(), entries.toString());
    }
}
