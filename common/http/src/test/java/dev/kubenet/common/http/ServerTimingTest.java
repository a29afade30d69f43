package dev.kubenet.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each Server-Timing entry as the W3C syntax wants it: a token, dur in milliseconds, desc a quoted string. */
class ServerTimingTest {

    @Test
    void anEntryHasItsNameTheMillisecondsAndTheDescriptionAsKeyValuePairs() {
        assertEquals("auth-service;dur=3.3;desc=\"call=verify-token address=http://auth-service.default from=AUTH_ADDRESS\"",
                ServerTiming.entry("auth-service", 3.25, "call", "verify-token", "address", "http://auth-service.default",
                        "from", "AUTH_ADDRESS"));
    }

    @Test
    void theDurationHasOneDecimalRoundedHalfUp() {
        assertEquals("x;dur=1234.6;desc=\"\"", ServerTiming.entry("x", 1234.56));
        assertEquals("x;dur=0.1;desc=\"\"", ServerTiming.entry("x", 0.05));
        assertEquals("x;dur=7.0;desc=\"\"", ServerTiming.entry("x", 6.96));
    }

    @Test
    void aValueCannotEndTheQuotedStringOrStartAnotherPair() {
        assertEquals("x;dur=0.0;desc=\"host=a_b_c_d\"", ServerTiming.entry("x", 0, "host", "a\"b c\\d"));
    }

    @Test
    void aKeyWithoutAValueIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> ServerTiming.entry("x", 1, "host"));
    }
}
