package dev.kubenet.common.testing;

import dev.kubenet.common.authapi.BearerToken;
import dev.kubenet.common.authapi.CallerAssertion;
import dev.kubenet.common.authapi.PemKeys;
import dev.kubenet.common.authclient.CallerIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/**
 * A caller of auth-service as a test plays it: a service name and a private key, signing assertions as
 * users-service and tasks-service do ({@link CallerIdentity#assertion}), or the way an attacker would (another key,
 * another audience, a long life).
 */
public record ServiceCaller(String name, PrivateKey key) {

    public static final String HEADER = CallerAssertion.HEADER;

    /** The service with the repository's development key, which auth-service trusts in the tests' servers. */
    public static ServiceCaller development(String name) {
        String pem = PemKeys.developmentKey(name + ".key")
                .orElseThrow(() -> new IllegalArgumentException("no development key for " + name));
        return new ServiceCaller(name, PemKeys.privateKey(pem, "the development key of " + name));
    }

    /** The service with the key in a PEM file (the one ./run.sh made, for example). */
    public static ServiceCaller withKeyFile(String name, Path file) {
        try {
            return new ServiceCaller(name, PemKeys.privateKey(Files.readString(file), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header value of a current assertion, as the service itself would send it. */
    public String header() {
        return header(CallerAssertion.AUDIENCE, Duration.ofSeconds(CallerAssertion.MAX_LIFETIME_SECONDS));
    }

    public String header(String audience, Duration lifetime) {
        return BearerToken.header(CallerIdentity.assertion(name, key, audience, Instant.now(), lifetime));
    }
}
