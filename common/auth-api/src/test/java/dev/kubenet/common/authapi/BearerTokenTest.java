package dev.kubenet.common.authapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLV8";

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "bEaReR ", "Bearer   ", "  Bearer ", "\tBearer "})
    void theSchemeIsCaseInsensitiveAndSpacesAroundTheTokenAreTolerated(String prefix) {
        assertEquals(Optional.of(JWT), BearerToken.of(prefix + JWT));
        assertEquals(Optional.of(JWT), BearerToken.of(prefix + JWT + "  "));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "Bearer", "Bearer ", "Bearer    ", "bearer\t"})
    void aMissingHeaderOrAnEmptyTokenIsNoToken(String header) {
        assertEquals(Optional.empty(), BearerToken.of(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Token abc", "Bearerabc", "Bearer\tabc", "BearerX abc", "abc",
        "Bearer abc, Bearer def", "Bearer abc def", "Bearer abc,def", "Bearer a\"b", "Bearer =abc", "Bearer ab=c",
        "Bearer ab\u0000c", "Bearer \u00e4bc"})
    void otherSchemesAndMalformedTokensAreNoToken(String header) {
        assertEquals(Optional.empty(), BearerToken.of(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a-b.c_d~e+f/g", "abc=", "abc=="})
    void everyToken68IsAccepted(String token) {
        assertEquals(Optional.of(token), BearerToken.of("Bearer " + token));
    }

    @Test
    void aHeaderOverTheLimitIsRefusedAndOneAtItIsRead() {
        String prefix = "Bearer ";
        String atLimit = "a".repeat(BearerToken.MAX_HEADER_LENGTH - prefix.length());
        assertEquals(Optional.of(atLimit), BearerToken.of(prefix + atLimit));
        assertEquals(Optional.empty(), BearerToken.of(prefix + atLimit + "a"));
    }

    @Test
    void theHeaderForATokenIsReadBackAsThatToken() {
        assertEquals("Bearer " + JWT, BearerToken.header(JWT));
        assertEquals(Optional.of(JWT), BearerToken.of(BearerToken.header(JWT)));
    }
}
