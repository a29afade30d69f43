package dev.kubenet.common.testing;

import dev.kubenet.common.authapi.BearerToken;
import dev.kubenet.common.authapi.CallerAssertion;
import dev.kubenet.common.authapi.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A caller of auth-service as a test plays it: a service name and a private key, signing assertions as
 * users-service and tasks-service do ({@code CallerIdentity}), or the way an attacker would (another key, another
 * audience, a long life).
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
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(name);
        claims.setSubject(name);
        claims.setAudience(audience);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        try {
            return BearerToken.header(jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
