package dev.kubenet.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SigningKeyTest {

    @Test
    void aKeyOf32BytesIsAccepted() {
        assertEquals(32, SigningKey.fromBase64("MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=\n", "test").getEncoded().length);
    }

    @Test
    void aShortKeyIsRefusedWithAHowTo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SigningKey.fromBase64("c2hvcnQ=", "JWT_SIGNING_KEY"));
        assertTrue(e.getMessage().contains("JWT_SIGNING_KEY must hold at least 32 random bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl rand -base64 32"), e.getMessage());
    }

    @Test
    void aKeyThatIsNotBase64IsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SigningKey.fromBase64("not base64 at all!", "JWT_SIGNING_KEY"));
        assertTrue(e.getMessage().contains("not valid base64"), e.getMessage());
    }
}
