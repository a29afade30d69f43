package it.dev.kubenet.system;

import static it.dev.kubenet.system.Http.request;
import static it.dev.kubenet.system.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubenet.common.testing.ClientAddresses;
import dev.kubenet.common.testing.LibertyServer;
import it.dev.kubenet.system.Http.Reply;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first users after a start: auth-service and users-service restarted (cold JVMs, Liberty's thread pool at its
 * smallest), then at once a rush of signups for one email, signups for new emails and logins, all in parallel.
 * Every one must get its answer, not a 503 because a call to auth-service waited behind the rush for a thread.
 */
@ExtendWith(RunningSystem.class)
class FirstMinuteIT {

    private static final int RUSH = 30;
    /** A line of Liberty's messages.log at level E: {@code [date] thread logger E message}. */
    private static final Pattern ERROR = Pattern.compile("^\\[[^\\]]+\\] [0-9a-f]+ \\S+\\s+E ");
    private static final int PARALLEL = 8;

    @Test
    void signupsAndLoginsRightAfterAStartAllGetTheirAnswer() throws Exception {
        LibertyServer users = RunServers.users(Map.of());
        LibertyServer auth = RunServers.auth();
        users.stop();
        auth.stop();
        auth.start(); // each waits until the server reports ready
        users.start();

        String email = "rush-" + UUID.randomUUID() + "@example.com";
        List<Callable<Reply>> rush = new ArrayList<>();
        for (int i = 0; i < RUSH; i++) {
            rush.add(password("signup", email, Secrets.password("rush password " + i)));
        }
        List<String> emails = new ArrayList<>();
        List<Callable<Reply>> signups = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            emails.add("first-" + i + "-" + UUID.randomUUID() + "@example.com");
            signups.add(password("signup", emails.get(i), Secrets.password("first minute " + i)));
        }
        List<Callable<Reply>> logins = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            logins.add(password("login", emails.get(i), Secrets.password("first minute " + i)));
        }
        List<Callable<Reply>> wrongLogins = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            wrongLogins.add(password("login", emails.get(i), Secrets.password("not the first minute " + i)));
        }

        assertEquals(Map.of(201, 1, 409, RUSH - 1), statuses(all(rush)), "signups of one email at once");
        assertEquals(Map.of(201, PARALLEL), statuses(all(signups)), "signups of new emails at once");
        assertEquals(Map.of(200, PARALLEL), statuses(all(logins)), "their logins at once");
        assertEquals(Map.of(401, PARALLEL), statuses(all(wrongLogins)), "logins with a wrong password at once");

        // A taken email and a wrong password (the warm-up logs in for no account) are answers, not errors: neither
        // log since the start holds an error. The wrong-password logins are here for auth-service's refusals from its
        // password queue, which must answer without failing the stage (PasswordWork says why).
        for (String service : List.of("auth-service", "users-service")) {
            String log = Files.readString(RunningSystem.RUN_DIR.resolve("logs/" + service + "/messages.log"));
            assertEquals(List.of(), log.lines().filter(line -> ERROR.matcher(line).find()).toList(), service);
        }
    }

    /** Straight to users-service, each from its own client address: the limits per address are not under test. */
    private static Callable<Reply> password(String route, String email, String password) {
        HttpRequest.Builder request = request(RunningSystem.USERS_SERVICE + "/" + route)
                .header(ClientAddresses.FORWARDED_FOR, ClientAddresses.fresh())
                .header("Content-Type", "application/json")
                .POST(Http.json("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
        return () -> send(request);
    }

    private static List<Reply> all(List<Callable<Reply>> requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try {
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> reply : clients.invokeAll(requests)) {
                replies.add(reply.get(1, TimeUnit.MINUTES));
            }
            return replies;
        } finally {
            clients.shutdownNow();
        }
    }

    private static Map<Integer, Integer> statuses(List<Reply> replies) {
        Map<Integer, Integer> counts = new TreeMap<>();
        replies.forEach(reply -> counts.merge(reply.status(), 1, Integer::sum));
        return counts;
    }
}
