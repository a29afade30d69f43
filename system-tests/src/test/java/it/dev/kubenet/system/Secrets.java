package it.dev.kubenet.system;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every password and token that the system tests send, so that {@link NoSecretInLogsIT}, which runs last, can look
 * for each of them in the logs of the whole run. Record a secret where a test makes it up or receives it.
 */
final class Secrets {

    private static final Set<String> PASSWORDS = ConcurrentHashMap.newKeySet();
    private static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    static String password(String password) {
        PASSWORDS.add(password);
        return password;
    }

    static String token(String token) {
        TOKENS.add(token);
        return token;
    }

    static Set<String> passwords() {
        return Set.copyOf(PASSWORDS);
    }

    static Set<String> tokens() {
        return Set.copyOf(TOKENS);
    }
}
