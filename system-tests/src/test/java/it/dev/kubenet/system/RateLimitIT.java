package it.dev.kubenet.system;

import static it.dev.kubenet.system.Http.request;
import static it.dev.kubenet.system.Http.send;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.LibertyServer;
import it.dev.kubenet.system.Http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * nginx limits login and signup to 30 a minute per client address, with bursts of 20, and answers the rest with a
 * JSON 429. Every system test comes from 127.0.0.1 and shares that one budget, and this test spends all of it: so it
 * runs after all the others but the log check ({@link NoSecretInLogsIT}), which needs no login.
 */
@Order(Integer.MAX_VALUE - 1)
@ExtendWith(RunningSystem.class)
class RateLimitIT {

    /** The template's "rate=30r/m" and "burst=20 nodelay": 20 at once on top of the one the rate allows. */
    private static final int BURST = 20;
    /** A body the service refuses at once (422): this test measures nginx's limit, not password hashing. */
    private static final String CHEAP_LOGIN = "{}";

    @Test
    void aBurstOfLoginsIsCutOffWithAJson429ForThatClientOnlyAndAllowedAgainAfterAPause() throws IOException {
        List<Integer> statuses = new ArrayList<>();
        Reply tooMany = null;
        for (int i = 0; i < 2 * BURST && tooMany == null; i++) {
            Reply reply = login(RunningSystem.UI + "/api/users/login");
            statuses.add(reply.status());
            if (reply.status() == 429) {
                tooMany = reply;
            }
        }
        assertTrue(tooMany != null, "no 429 after " + statuses.size() + " logins in a row: " + statuses);
        Reply limited = tooMany;
        assertAll(
                () -> assertTrue(statuses.size() <= BURST + 2, "more than a burst got through: " + statuses),
                () -> assertTrue(statuses.subList(0, statuses.size() - 1).stream().allMatch(status -> status == 422),
                        "before the limit, the service's own answers: " + statuses),
                limited::assertProblem,
                () -> assertEquals("60", limited.headers().firstValue("Retry-After").orElse(""),
                        "a 429 says when to come back"),
                () -> assertEquals("nosniff", limited.headers().firstValue("X-Content-Type-Options").orElse(""),
                        "security headers on nginx's own 429"),
                () -> assertEquals(429, send(request(RunningSystem.UI + "/api/users/signup")
                        .header("Content-Type", "application/json").POST(Http.json(CHEAP_LOGIN))).status(),
                        "signup shares the limit"),
                () -> assertEquals(401, send(request(RunningSystem.UI + "/api/tasks")).status(),
                        "the rest of the API is not limited"),
                () -> assertEquals(200, send(request(RunningSystem.UI + "/")).status(), "the UI is not limited"),
                () -> assertEquals(422, login(RunningSystem.USERS_SERVICE + "/login").status(),
                        "the limit is nginx's: users-service itself still answers"),
                () -> assertEquals(422, loginFrom("127.0.0.2"), "another client address has its own budget"));

        // Every other spelling of the path is limited too; on eb36a93 the trailing slash fell into /api/users/, unlimited.
        for (String spelling : List.of("/api/users/login/", "/api/users//login", "/api/users/./login",
                "/api/users/%6Cogin", "/api/users%2Flogin", "/api/users/Login", "/api/users/LOGIN/", "/api/users/signup/")) {
            assertEquals(429, login(RunningSystem.UI + spelling).status(), spelling + " escapes the limit");
        }

        // 30 a minute: one more login every 2 seconds.
        Instant deadline = Instant.now().plusSeconds(10);
        int status;
        do {
            LibertyServer.sleep(500);
            status = login(RunningSystem.UI + "/api/users/login").status();
        } while (status == 429 && Instant.now().isBefore(deadline));
        assertEquals(422, status, "still limited 10 s later");
    }

    private static Reply login(String url) {
        return send(request(url).header("Content-Type", "application/json").POST(Http.json(CHEAP_LOGIN)));
    }

    /** The same login from another loopback address (Linux routes all of 127.0.0.0/8 to this machine). */
    private static int loginFrom(String clientAddress) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(clientAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", 8090), 5_000);
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/users/login HTTP/1.1\r\nHost: localhost:8090\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + CHEAP_LOGIN.length() + "\r\nConnection: close\r\n\r\n" + CHEAP_LOGIN)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String statusLine = answer.lines().findFirst().orElse("");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
