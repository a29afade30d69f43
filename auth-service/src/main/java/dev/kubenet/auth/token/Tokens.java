package dev.kubenet.auth.token;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * Issues and verifies signed JWTs (HS256). Verification accepts only HS256 (so neither {@code alg: none} nor a
 * switched algorithm gets through), checks the signature, the issuer, and expiry with 30 seconds of clock skew.
 * <p>
 * Every token carries a random id ({@code jti}), by which a logout revokes it ({@link RevokedTokens}) without the
 * token itself being stored anywhere. A token without one is refused: it could not be revoked.
 */
@ApplicationScoped
public class Tokens {

    /** A token is accepted until this long after its expiry: another machine's clock may be that much behind. */
    static final int CLOCK_SKEW_SECONDS = 30;

    @Inject
    SigningKey signingKey;

    @Inject
    @ConfigProperty(name = "token.issuer", defaultValue = "kubenet-liberty")
    String issuer;

    @Inject
    @ConfigProperty(name = "token.lifetime.seconds", defaultValue = "3600")
    long lifetimeSeconds;

    Clock clock = Clock.systemUTC();
    private Key key;
    private JwtConsumer consumer;

    Tokens() {
    }

    Tokens(Key key, String issuer, long lifetimeSeconds, Clock clock) {
        this.issuer = issuer;
        this.lifetimeSeconds = lifetimeSeconds;
        this.clock = clock;
        init(key);
    }

    @PostConstruct
    void init() {
        init(signingKey.key());
    }

    private void init(Key key) {
        this.key = key;
        // Built once: verification is on every request's path, and a consumer is thread-safe.
        this.consumer = new JwtConsumerBuilder()
                .setRequireSubject()
                .setRequireIssuedAt()
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setExpectedIssuer(issuer)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    public SignedToken issue(String userId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plusSeconds(lifetimeSeconds);
        String id = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setJwtId(id);
        claims.setSubject(userId);
        claims.setIssuer(issuer);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        try {
            return new SignedToken(jws.getCompactSerialization(), Instant.ofEpochSecond(expiresAt.getEpochSecond()), id);
        } catch (JoseException e) {
            throw new IllegalStateException("Signing a token failed", e);
        }
    }

    /** Whose a valid token is and until when; empty for anything else, whatever is wrong with it. */
    public Optional<ValidToken> verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            return Optional.of(new ValidToken(claims.getSubject(),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()), claims.getJwtId()));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /** A token just signed, its expiry ({@code exp}) and its id ({@code jti}). */
    public record SignedToken(String token, Instant expiresAt, String id) {
    }

    /** @param userId the subject ({@code sub}) @param expiresAt the expiry ({@code exp}) @param id the {@code jti} */
    public record ValidToken(String userId, Instant expiresAt, String id) {
    }
}
