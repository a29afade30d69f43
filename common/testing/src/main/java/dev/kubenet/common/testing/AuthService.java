package dev.kubenet.common.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** The real auth-service that the integration tests run beside the service under test. */
public final class AuthService {

    public static final String URL = System.getProperty("auth.url", "http://localhost:8070");
    public static final LibertyServer SERVER = new LibertyServer("authServer", URL);

    private AuthService() {
    }

    /** users-service and tasks-service as the tests' auth-service knows them: with their development keys. */
    public static final ServiceCaller USERS_SERVICE = ServiceCaller.development("users-service");
    public static final ServiceCaller TASKS_SERVICE = ServiceCaller.development("tasks-service");

    /** A call to the tests' auth-service as tasks-service makes it: to check a token. */
    public static RequestSpecification asTasksService() {
        return given().baseUri(URL).header(ServiceCaller.HEADER, TASKS_SERVICE.header());
    }

    /** A real token for any user id, made the way users-service makes one at login. */
    public static String tokenFor(String userId) {
        String hash = given().baseUri(URL).header(ServiceCaller.HEADER, USERS_SERVICE.header())
                .contentType(ContentType.JSON).body(Map.of("password", "password-of-" + userId))
                .when().post("/hashed-password")
                .then().statusCode(200).extract().path("hashedPassword");
        return given().baseUri(URL).header(ServiceCaller.HEADER, USERS_SERVICE.header()).contentType(ContentType.JSON)
                .body(Map.of("userId", userId, "password", "password-of-" + userId, "hashedPassword", hash))
                .when().post("/token")
                .then().statusCode(200).extract().path("token");
    }
}
