package dev.kubenet.auth.password;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    // A low count keeps the unit tests fast; the format and the checks are the same at OWASP's count.
    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void hashRecordsSchemeIterationsSaltAndHash() {
        String hash = hasher.hash("correct horse");
        String[] parts = hash.split("\\$");
        assertTrue(hash.startsWith("pbkdf2-sha256$1000$"), hash);
        assertTrue(parts.length == 4 && parts[2].length() >= 22 && parts[3].length() >= 43, hash);
        assertFalse(hash.contains("correct horse"));
    }

    @Test
    void samePasswordGetsADifferentSaltEachTime() {
        assertNotEquals(hasher.hash("correct horse"), hasher.hash("correct horse"));
    }

    @Test
    void theRightPasswordMatches() {
        assertTrue(hasher.matches("correct horse", hasher.hash("correct horse")));
    }

    @Test
    void aWrongPasswordDoesNotMatch() {
        String hash = hasher.hash("correct horse");
        assertFalse(hasher.matches("correct horsf", hash));
        assertFalse(hasher.matches("", hash));
    }

    @Test
    void aHashMadeWithAnotherIterationCountStillMatches() {
        String older = new PasswordHasher(2_000).hash("correct horse");
        assertTrue(hasher.matches("correct horse", older));
    }

    @Test
    void malformedOrForeignHashesMatchNothing() {
        for (String bad : new String[] {"", "correct horse_hash", "pbkdf2-sha256$x$y$z", "bcrypt$1$2$3",
                "pbkdf2-sha256$99999999999$AAAA$AAAA", "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$1000$!!$!!"}) {
            assertFalse(hasher.matches("correct horse", bad), bad);
        }
    }

    @Test
    void unicodePasswordsRoundTrip() {
        assertTrue(hasher.matches("pässwörd-密码-🔑", hasher.hash("pässwörd-密码-🔑")));
        assertFalse(hasher.matches("passwort-密码-🔑", hasher.hash("pässwörd-密码-🔑")));
    }

    @Test
    void theDefaultIsOwaspsIterationCount() {
        assertTrue(PasswordHasher.OWASP_ITERATIONS >= 600_000);
    }
}
