package dev.kubenet.users.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aBurstThenOneAttemptPerIntervalAndEachKeyOnItsOwn() {
        RateLimit limit = new RateLimit(3, 30, 100); // one attempt every 2 s
        long now = 1_000 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limit.take("a", now));
        }
        assertEquals(Duration.ofSeconds(2), limit.take("a", now));
        assertEquals(Duration.ZERO, limit.take("b", now), "another key has its own bucket");
        assertEquals(Duration.ofSeconds(1), limit.take("a", now + SECOND));
        assertEquals(Duration.ZERO, limit.take("a", now + 2 * SECOND));
        assertEquals(Duration.ofSeconds(2), limit.take("a", now + 2 * SECOND));
    }

    @Test
    void aPauseRefillsUpToTheBurstAndNoMore() {
        RateLimit limit = new RateLimit(2, 60, 100);
        long now = 1_000 * SECOND;
        limit.take("a", now);
        limit.take("a", now);
        long later = now + 3_600 * SECOND;
        assertEquals(Duration.ZERO, limit.take("a", later));
        assertEquals(Duration.ZERO, limit.take("a", later));
        assertTrue(limit.take("a", later).compareTo(Duration.ZERO) > 0, "an hour's pause buys one burst, not 3,600");
    }

    @Test
    void anAttemptGivenBackCanBeMadeAgain() {
        RateLimit limit = new RateLimit(1, 1, 100);
        long now = 1_000 * SECOND;
        assertEquals(Duration.ZERO, limit.take("a", now));
        limit.giveBack("a");
        assertEquals(Duration.ZERO, limit.take("a", now));
        assertTrue(limit.take("a", now).compareTo(Duration.ofSeconds(59)) > 0);
    }

    @Test
    void keysWhoseBucketIsFullAgainAreForgottenWhenTheMemoryIsFull() {
        RateLimit limit = new RateLimit(1, 60, 3);
        long now = 1_000 * SECOND;
        limit.take("a", now);
        limit.take("b", now);
        limit.take("c", now + SECOND / 2);
        limit.take("d", now + SECOND); // a and b are full again: forgotten; c is not
        assertEquals(2, limit.keys());
        assertTrue(limit.take("c", now + SECOND).compareTo(Duration.ZERO) > 0, "c's attempt is still counted");
    }
}
