package it.dev.kubenet.system;

import static io.restassured.RestAssured.given;

import dev.kubenet.common.testing.ClientAddresses;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/**
 * A user of the running system, signed up and logged in straight at users-service: through nginx every test would
 * spend the one rate-limit budget that all of them share (they all come from 127.0.0.1). Each signup and login comes
 * from a client of its own ({@link ClientAddresses}), so users-service's own limit per client address does not add up
 * the tests' attempts either.
 */
record Account(String email, String password, String userId, String token) {

    static Account signUp(String name) {
        return signUpWith(name + "-" + UUID.randomUUID() + "@example.com", "pw of " + name + " " + UUID.randomUUID());
    }

    static Account signUpWith(String email, String password) {
        Secrets.password(password);
        Map<String, String> credentials = Map.of("email", email, "password", password);
        String userId = given().baseUri(RunningSystem.USERS_SERVICE)
                .header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh())
                .contentType(ContentType.JSON).body(credentials)
                .when().post("/signup")
                .then().statusCode(201).extract().path("userId");
        return new Account(email, password, userId, logIn(email, password));
    }

    static String logIn(String email, String password) {
        return Secrets.token(given().baseUri(RunningSystem.USERS_SERVICE)
                .header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/login")
                .then().statusCode(200).extract().path("token"));
    }

    String bearer() {
        return "Bearer " + token;
    }
}
