package dev.kubenet.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    /** deploy/00-secrets.yaml's demo key until it was removed, and the integration tests' key. */
    private static final String DEMO_KEY = "Jgq9CZchL7E7hZRXvNOBF35iSdSN34zKulOH8nfcvT4=";
    private static final String TESTS_KEY = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LW5ldmVyLXVzZS1pbi1wcm9kdWN0aW9u";

    private static SigningKey loaded(Optional<String> base64Key, boolean developmentKeys) {
        SigningKey key = new SigningKey();
        key.base64Key = base64Key;
        key.keyFile = Optional.empty();
        key.developmentKeys = developmentKeys;
        key.load();
        return key;
    }

    @Test
    void aKeyPublishedInTheRepositoryIsRefusedOutsideDevelopment() {
        for (String published : new String[] {DEMO_KEY, TESTS_KEY}) {
            SigningKey key = loaded(Optional.of(published), false);
            assertTrue(key.problem().orElseThrow().contains("published in this repository"), key.problem().get());
            assertTrue(loaded(Optional.of(published), true).problem().isEmpty());
        }
    }

    @Test
    void withoutAKeyAuthServiceAnswersNoOneOutsideDevelopment() {
        assertTrue(loaded(Optional.empty(), false).problem().orElseThrow().contains("scripts/secrets.sh"));
        SigningKey madeUp = loaded(Optional.empty(), true);
        assertTrue(madeUp.problem().isEmpty());
        assertEquals(32, madeUp.key().getEncoded().length);
    }

    @Test
    void aKeyOfItsOwnIsAccepted() {
        SigningKey key = loaded(Optional.of("MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="), false);
        assertTrue(key.problem().isEmpty());
    }

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
