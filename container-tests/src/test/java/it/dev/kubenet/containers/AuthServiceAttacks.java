package it.dev.kubenet.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kubenet.common.testing.SelfMadeHash;
import java.util.List;

/**
 * What a process in another container that reaches auth-service tries: a token for any user, with a password hash it
 * made itself, and a hash of a password of its own. Run with curl inside the container (the Liberty images have it).
 * On eb36a93, before callers had to prove who they are, the first answered 200 with a token.
 */
final class AuthServiceAttacks {

    private AuthServiceAttacks() {
    }

    /** The curl commands, each printing the answer's body and then its status on a line of its own. */
    static List<List<String>> commands(String authService, String victimUserId) {
        String password = "attacker's own password";
        String tokenRequest = "{\"userId\":\"" + victimUserId + "\",\"password\":\"" + password
                + "\",\"hashedPassword\":\"" + SelfMadeHash.of(password, 1) + "\"}";
        return List.of(
                curl(authService + "/token", tokenRequest),
                curl(authService + "/hashed-password", "{\"password\":\"" + password + "\"}"));
    }

    private static List<String> curl(String url, String body) {
        return List.of("curl", "-s", "-w", "\n%{http_code}", "-X", "POST", "-H", "Content-Type: application/json",
                "--data", body, url);
    }

    /** auth-service refused it: 401, as problem+json, with nothing of a token or hash in it. */
    static void assertRefused(List<String> command, Shell.Result result) {
        String[] lines = result.output().strip().split("\n");
        String where = "POST " + command.get(command.size() - 1);
        assertEquals("401", lines[lines.length - 1], where + ": " + result.output());
        assertFalse(result.output().contains("\"token\"") || result.output().contains("hashedPassword\":\"pbkdf2"),
                where + ": " + result.output());
    }
}
