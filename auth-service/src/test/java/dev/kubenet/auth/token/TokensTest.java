package dev.kubenet.auth.token;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class TokensTest {

    private static final Key KEY = SigningKey.fromBase64("c2VjcmV0LWtleS1mb3ItdW5pdC10ZXN0cy0wMTIzNDU2Nzg5", "test");
    private static final Key OTHER_KEY = SigningKey.fromBase64("YW5vdGhlci1rZXktZm9yLXVuaXQtdGVzdHMtOTg3NjU0MzIx", "test");

    private final Tokens tokens = new Tokens(KEY, "kubenet-liberty", 3600, Clock.systemUTC());

    @Test
    void anIssuedTokenVerifiesToItsUser() {
        Tokens.SignedToken issued = tokens.issue("user-42");
        assertEquals(Optional.of(new Tokens.ValidToken("user-42", issued.expiresAt(), issued.id())), tokens.verify(issued.token()));
    }

    @Test
    void tokenCarriesSubjectIssuerIssuedAtAndExpiry() {
        Tokens.SignedToken issued = tokens.issue("user-42");
        String payload = new String(Base64.getUrlDecoder().decode(issued.token().split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"sub\":\"user-42\""), payload);
        assertTrue(payload.contains("\"iss\":\"kubenet-liberty\""), payload);
        assertTrue(payload.contains("\"iat\":") && payload.contains("\"exp\":"), payload);
        long lifetime = Duration.between(Instant.now(), issued.expiresAt()).toSeconds();
        assertTrue(lifetime > 3590 && lifetime <= 3600, "lifetime " + lifetime);
    }

    @Test
    void anExpiredTokenIsRejected() {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String token = new Tokens(KEY, "kubenet-liberty", 3600, twoHoursAgo).issue("user-42").token();
        assertEquals(Optional.empty(), tokens.verify(token));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() {
        String token = new Tokens(OTHER_KEY, "kubenet-liberty", 3600, Clock.systemUTC()).issue("user-42").token();
        assertEquals(Optional.empty(), tokens.verify(token));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        String token = new Tokens(KEY, "someone-else", 3600, Clock.systemUTC()).issue("user-42").token();
        assertEquals(Optional.empty(), tokens.verify(token));
    }

    @Test
    void aTamperedPayloadIsRejected() {
        String[] parts = tokens.issue("user-42").token().split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("user-42", "user-43").getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), tokens.verify(parts[0] + "." + forged + "." + parts[2]));
    }

    @Test
    void anUnsignedAlgNoneTokenIsRejected() {
        String[] parts = tokens.issue("user-42").token().split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), tokens.verify(none + "." + parts[1] + "."));
    }

    @Test
    void everyTokenHasItsOwnRandomId() {
        Tokens.SignedToken first = tokens.issue("user-42");
        Tokens.SignedToken second = tokens.issue("user-42");
        assertTrue(first.id().matches("[0-9a-f-]{36}"), first.id());
        assertNotEquals(first.id(), second.id());
        String payload = new String(Base64.getUrlDecoder().decode(first.token().split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"jti\":\"" + first.id() + "\""), payload);
    }

    @Test
    void aTokenWithoutAnIdIsRejected() {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("user-42");
        claims.setIssuer("kubenet-liberty");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setPayload(claims.toJson());
        jws.setKey(KEY);
        assertEquals(Optional.empty(), tokens.verify(assertDoesNotThrow(jws::getCompactSerialization)));
    }

    @Test
    void garbageIsRejected() {
        for (String garbage : new String[] {"", "abc", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.e30.x"}) {
            assertEquals(Optional.empty(), tokens.verify(garbage), garbage);
        }
    }
}
