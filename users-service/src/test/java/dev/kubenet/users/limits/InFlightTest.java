package dev.kubenet.users.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void atMostMaxAtOnceForEachKeyAndAnEndedOneMakesRoom() {
        InFlight running = new InFlight(2);
        assertTrue(running.start("a"));
        assertTrue(running.start("a"));
        assertFalse(running.start("a"));
        assertTrue(running.start("b"));
        running.end("a");
        assertTrue(running.start("a"));
        running.end("a");
        running.end("a");
        running.end("b");
        assertEquals(0, running.keys(), "a key with nothing running is not kept");
    }
}
