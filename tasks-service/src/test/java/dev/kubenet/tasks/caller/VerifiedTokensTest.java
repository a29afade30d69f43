package dev.kubenet.tasks.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubenet.common.authapi.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final VerifiedTokens tokens = new VerifiedTokens();

    VerifiedTokensTest() {
        tokens.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        tokens.maxAgeSeconds = 10;
    }

    @Test
    void aLongLivedTokenIsRememberedForTheConfiguredSecondsOnly() {
        assertEquals(Duration.ofSeconds(10), tokens.timeToKeep(expiringAt(NOW.plusSeconds(3600))));
    }

    @Test
    void aTokenIsNeverRememberedBeyondItsExpiry() {
        assertEquals(Duration.ofSeconds(4), tokens.timeToKeep(expiringAt(NOW.plusSeconds(4))));
    }

    @Test
    void aTokenPastItsExpiryIsNotRemembered() {
        // auth-service allows some clock skew, so it may still say yes to a token that has just expired.
        assertEquals(Duration.ZERO, tokens.timeToKeep(expiringAt(NOW.minusSeconds(5))));
    }

    private static VerifiedToken expiringAt(Instant expiresAt) {
        return new VerifiedToken("Valid token.", "user-1", expiresAt);
    }
}
