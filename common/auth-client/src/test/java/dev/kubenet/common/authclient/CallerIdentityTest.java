package dev.kubenet.common.authclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerIdentityTest {

    private static CallerIdentity configured(Optional<String> keyFile, boolean developmentKeys) {
        CallerIdentity identity = new CallerIdentity();
        identity.serviceName = "users-service";
        identity.keyFile = keyFile;
        identity.developmentKeys = developmentKeys;
        identity.loadKey();
        return identity;
    }

    @Test
    void oneAssertionServesEveryCallUntilAMinuteBeforeItExpires() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        Instant start = Instant.parse("2026-12-06T10:00:00Z");
        CallerIdentity identity = new CallerIdentity("users-service", generator.generateKeyPair().getPrivate(),
                Clock.fixed(start, ZoneOffset.UTC));
        String first = identity.header();
        assertTrue(first.startsWith("Bearer ey"), first);
        identity.clock = Clock.fixed(start.plusSeconds(239), ZoneOffset.UTC);
        assertEquals(first, identity.header());
        identity.clock = Clock.fixed(start.plusSeconds(241), ZoneOffset.UTC);
        assertNotEquals(first, identity.header());
    }

    @Test
    void withoutAKeyFileTheServiceDoesNotStartOutsideDevelopment() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> configured(Optional.empty(), false));
        assertTrue(e.getMessage().contains("IDENTITY_KEY_FILE is not set"), e.getMessage());
        assertTrue(configured(Optional.empty(), true).header().startsWith("Bearer "));
    }

    @Test
    void theRepositorysDevelopmentKeyInAKeyFileIsRefusedOutsideDevelopment(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("users-service.key");
        Files.copy(Path.of("src/main/resources/META-INF/development-keys/users-service.key"), file);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> configured(Optional.of(file.toString()), false));
        assertTrue(e.getMessage().contains("published development key"), e.getMessage());
    }
}
