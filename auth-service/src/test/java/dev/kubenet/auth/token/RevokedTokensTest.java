package dev.kubenet.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevokedTokensTest {

    @Test
    void aRowIsKeptWhileALateClockCouldStillAcceptItsToken() {
        Instant now = Instant.parse("2026-11-29T21:00:00Z");
        assertEquals(Instant.parse("2026-11-29T20:59:30Z"), RevokedTokens.cutoff(now),
                "tokens expired more than the verification's clock skew ago");
    }
}
