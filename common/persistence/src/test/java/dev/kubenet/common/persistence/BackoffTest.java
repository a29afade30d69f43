package dev.kubenet.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));

    @Test
    void theWaitDoublesFromTheFirstUpToTheCapAndStaysThere() {
        List<Long> seconds = IntStream.rangeClosed(1, 7).mapToObj(backoff::after).map(Duration::toSeconds).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 15L, 15L, 15L), seconds);
    }

    @Test
    void aVeryLongOutageWaitsTheCapWithoutOverflowing() {
        assertEquals(Duration.ofSeconds(15), backoff.after(Integer.MAX_VALUE));
    }

    @Test
    void thereIsNoWaitBeforeTheFirstTry() {
        assertThrows(IllegalArgumentException.class, () -> backoff.after(0));
    }

    @Test
    void aCapBelowTheFirstWaitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
