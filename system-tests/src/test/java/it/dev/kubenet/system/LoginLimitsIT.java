package it.dev.kubenet.system;

import static it.dev.kubenet.system.Http.request;
import static it.dev.kubenet.system.Http.send;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.ClientAddresses;
import it.dev.kubenet.system.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logins straight at users-service, past nginx and its limit, as anyone who reaches users-service's port (a
 * LoadBalancer on Kubernetes) can send them: users-service's own limits hold there too. Before them (210ac72, tried with
 * users-service's CredentialLimitsIT) every guess got its 401, and a flood that filled auth-service's queue for password
 * work opened users-service's circuit breaker: the next user's login got a 503.
 */
@ExtendWith(RunningSystem.class)
class LoginLimitsIT {

    private static Reply login(String client, String email, String password) {
        return send(request(RunningSystem.USERS_SERVICE + "/login")
                .header(ClientAddresses.FORWARDED_FOR, client)
                .header("Content-Type", "application/json")
                .POST(Http.json("{\"email\":\"" + email + "\",\"password\":\"" + Secrets.password(password) + "\"}")));
    }

    private static String someEmail() {
        return "guess-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void oneClientGuessingStraightAtUsersServiceIsCutOffAndAnotherStillLogsIn() {
        Account someoneElse = Account.signUp("someone-else");
        String guesser = ClientAddresses.fresh();
        List<Integer> statuses = new ArrayList<>();
        Reply limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            Reply reply = login(guesser, someEmail(), "guess " + i);
            statuses.add(reply.status());
            limited = reply.status() == 429 ? reply : null;
        }
        Reply tooMany = limited;
        assertAll(
                () -> assertTrue(tooMany != null, "no 429 after 40 guesses: " + statuses),
                () -> assertTrue(statuses.size() <= 30, "far more than a burst of 20 got through: " + statuses),
                () -> tooMany.assertProblem(),
                () -> assertTrue(Integer.parseInt(tooMany.headers().firstValue("Retry-After").orElse("0")) >= 1));
        assertEquals(200, login(ClientAddresses.fresh(), someoneElse.email(), someoneElse.password()).status());
    }

    @Test
    void aFloodOfParallelLoginsFromOneClientDoesNotShutAnotherUserOut() {
        Account someoneElse = Account.signUp("flooded");
        String flooder = ClientAddresses.fresh();
        ExecutorService clients = Executors.newFixedThreadPool(40);
        List<CompletableFuture<Reply>> flood = IntStream.range(0, 40)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> login(flooder, someEmail(), "flood " + i), clients))
                .toList();
        List<Integer> others = new ArrayList<>();
        try {
            while (!flood.stream().allMatch(CompletableFuture::isDone) || others.isEmpty()) {
                others.add(login(ClientAddresses.fresh(), someoneElse.email(), someoneElse.password()).status());
            }
        } finally {
            clients.shutdown();
        }
        List<Integer> flooded = flood.stream().map(reply -> reply.join().status()).toList();
        assertAll(
                () -> assertTrue(flooded.contains(429), "the flooder is turned away: " + flooded),
                () -> assertTrue(flooded.stream().allMatch(status -> status == 401 || status == 429),
                        "the flooder gets its 401s and 429s, nothing else: " + flooded),
                () -> assertTrue(others.stream().allMatch(status -> status == 200),
                        "the other user logs in all along: " + others));
    }
}
