package it.dev.kubenet.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Tokens made the way an attacker would, with jose4j: some with the very key ./run.sh gave auth-service
 * ({@code secrets/jwt-signing-key} in the run folder), so that each is wrong in exactly one way. Every one is recorded as a
 * secret, so none of them may show up in a log either.
 */
final class ForgedTokens {

    private static final String ISSUER = "kubenet-liberty";

    private ForgedTokens() {
    }

    /** Exactly what auth-service issues: if this one were refused, the others would prove nothing. */
    static String valid(String userId) {
        return signedWith(userId, runKey());
    }

    /** What auth-service would issue if it signed with this key. */
    static String signedWith(String userId, Key key) {
        return sign(claims(userId, ISSUER, Instant.now().plus(Duration.ofHours(1))), AlgorithmIdentifiers.HMAC_SHA256,
                key);
    }

    static String expired(String userId) {
        return sign(claims(userId, ISSUER, Instant.now().minus(Duration.ofMinutes(10))),
                AlgorithmIdentifiers.HMAC_SHA256, runKey());
    }

    static String otherIssuer(String userId) {
        return sign(claims(userId, "someone-else", Instant.now().plus(Duration.ofHours(1))),
                AlgorithmIdentifiers.HMAC_SHA256, runKey());
    }

    static String otherKey(String userId) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return sign(claims(userId, ISSUER, Instant.now().plus(Duration.ofHours(1))), AlgorithmIdentifiers.HMAC_SHA256,
                new SecretKeySpec(key, "HmacSHA256"));
    }

    /** The right key, but HS512: auth-service accepts HS256 only, so no algorithm can be switched in. */
    static String otherAlgorithm(String userId) {
        return sign(claims(userId, ISSUER, Instant.now().plus(Duration.ofHours(1))), AlgorithmIdentifiers.HMAC_SHA512,
                new SecretKeySpec(runKeyBytes(), "HmacSHA512"));
    }

    /** {"alg":"none"} and no signature at all. */
    static String unsigned(String userId) {
        JsonWebSignature jws = jws(claims(userId, ISSUER, Instant.now().plus(Duration.ofHours(1))),
                AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        try {
            return Secrets.token(jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real token whose payload now names another user, with the original signature. */
    static String withOtherSubject(String token, String otherUserId) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replaceFirst("\"sub\":\"[^\"]*\"", "\"sub\":\"" + otherUserId + "\"");
        if (changed.equals(payload)) {
            throw new IllegalStateException("no sub claim in " + payload);
        }
        return Secrets.token(parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    /**
     * A real token with one character of its signature changed, in the middle: the last character of a base64url
     * HS256 signature carries two padding bits, so changing it might change nothing.
     */
    static String withChangedSignature(String token) {
        int middle = token.lastIndexOf('.') + 20;
        char changed = token.charAt(middle) == 'A' ? 'B' : 'A';
        return Secrets.token(token.substring(0, middle) + changed + token.substring(middle + 1));
    }

    private static JwtClaims claims(String userId, String issuer, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setGeneratedJwtId();
        claims.setSubject(userId);
        claims.setIssuer(issuer);
        claims.setIssuedAt(NumericDate.fromSeconds(expires.minus(Duration.ofHours(1)).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        return claims;
    }

    private static JsonWebSignature jws(JwtClaims claims, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setPayload(claims.toJson());
        return jws;
    }

    private static String sign(JwtClaims claims, String algorithm, Key key) {
        JsonWebSignature jws = jws(claims, algorithm);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            return Secrets.token(jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Key runKey() {
        return new SecretKeySpec(runKeyBytes(), "HmacSHA256");
    }

    private static byte[] runKeyBytes() {
        try {
            String key = Files.readString(RunningSystem.SECRETS.resolve("jwt-signing-key"));
            return Base64.getDecoder().decode(key.strip());
        } catch (IOException e) {
            throw new IllegalStateException("./run.sh keeps its signing key in the run folder", e);
        }
    }
}
