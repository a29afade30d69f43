package dev.kubenet.users.account;

import dev.kubenet.common.authclient.AuthServiceClient;
import dev.kubenet.common.authclient.AuthServiceUnavailableException;
import dev.kubenet.common.warmup.WarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes the signup's and the login's paths once before users-service takes traffic, as far as they go without storing
 * anything: a signup with empty credentials through this server's own HTTP port (the request filters, JSON-B, the
 * validation and the problem it answers, 422), the lookup by email, a hash from auth-service, and a login for an email
 * that has no account (auth-service checks its decoy and answers no). Otherwise the first signups after a start load
 * and compile all of that while their callers wait: twice as long as later ones, on two cores.
 */
@ApplicationScoped
class SignupAndLoginWarmUp implements WarmUp {

    /** In the {@code .invalid} domain, which RFC 2606 reserves: no account can have it. */
    static final String EMAIL = "warm-up@example.invalid";
    private static final String PASSWORD = "warm-up password";

    @Inject
    @ConfigProperty(name = "http.port") // server.xml's variable
    int port;

    @Inject
    Users users;

    @Inject
    AuthServiceClient auth;

    @Override
    public String name() {
        return "signup and login";
    }

    @Override
    public String run() {
        String signup = signupWithEmptyCredentials();
        users.findByEmail(EMAIL);
        try {
            auth.hashPassword(PASSWORD);
            auth.issueToken(null, PASSWORD, null);
            return "auth-service answered" + signup;
        } catch (AuthServiceUnavailableException e) { // the client logged why
            return "auth-service did not answer" + signup;
        }
    }

    /** Empty when done; otherwise why not, for the outcome (a server that listens only on another address). */
    private String signupWithEmptyCredentials() {
        HttpRequest signup = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/signup"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"\",\"password\":\"\"}"))
                .build();
        try {
            HttpClient.newHttpClient().send(signup, HttpResponse.BodyHandlers.discarding());
            return "";
        } catch (IOException e) {
            return "; its own port did not answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "; interrupted";
        }
    }
}
