package dev.kubenet.auth.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubenet.common.testing.ServiceCaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callers' keys read from a folder, as a Secret mounts them, and the assertions they verify. */
class CallerAssertionsTest {

    @TempDir
    Path keys;

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private void trust(String file, KeyPair pair) throws IOException {
        Files.writeString(keys.resolve(file), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    }

    private CallerAssertions assertions(boolean developmentKeys) {
        return new CallerAssertions(new TrustedCallers(Optional.of(keys.toString()), developmentKeys),
                Clock.systemUTC());
    }

    @Test
    void whileAServiceChangesItsKeyBothTheOldAndTheNewOneAreAccepted() throws Exception {
        KeyPair old = newKeyPair();
        KeyPair next = newKeyPair();
        trust("users-service.pem", old);
        trust("users-service.next.pem", next);
        trust("tasks-service.pem", newKeyPair());
        CallerAssertions assertions = assertions(false);
        assertEquals(Optional.of("users-service"),
                assertions.callerOf(new ServiceCaller("users-service", old.getPrivate()).header()));
        assertEquals(Optional.of("users-service"),
                assertions.callerOf(new ServiceCaller("users-service", next.getPrivate()).header()));
        // tasks-service cannot sign as users-service with its own key, nor the reverse.
        assertEquals(Optional.empty(), assertions.callerOf(new ServiceCaller("tasks-service", old.getPrivate()).header()));
    }

    @Test
    void onceTheOldKeyIsRemovedItProvesNothing() throws Exception {
        KeyPair old = newKeyPair();
        trust("users-service.pem", newKeyPair());
        assertEquals(Optional.empty(),
                assertions(false).callerOf(new ServiceCaller("users-service", old.getPrivate()).header()));
    }

    @Test
    void aRememberedAssertionStillNamesItsCallerAndNoOtherIsTakenForIt() throws Exception {
        KeyPair pair = newKeyPair();
        trust("users-service.pem", pair);
        CallerAssertions assertions = assertions(false);
        String header = new ServiceCaller("users-service", pair.getPrivate()).header();
        assertEquals(Optional.of("users-service"), assertions.callerOf(header));
        assertEquals(Optional.of("users-service"), assertions.callerOf(header));
        int changed = header.length() - 10; // inside the signature
        String tampered = header.substring(0, changed) + (header.charAt(changed) == 'A' ? 'B' : 'A')
                + header.substring(changed + 1);
        assertEquals(Optional.empty(), assertions.callerOf(tampered));
    }

    @Test
    void assertionsForAnotherAudienceOrForTooLongAreRefused() throws Exception {
        KeyPair pair = newKeyPair();
        trust("users-service.pem", pair);
        CallerAssertions assertions = assertions(false);
        ServiceCaller caller = new ServiceCaller("users-service", pair.getPrivate());
        assertEquals(Optional.empty(), assertions.callerOf(caller.header("users-service", Duration.ofMinutes(5))));
        assertEquals(Optional.empty(), assertions.callerOf(caller.header("auth-service", Duration.ofHours(1))));
        assertEquals(Optional.empty(), assertions.callerOf(caller.header("auth-service", Duration.ofMinutes(-2))));
    }

    @Test
    void theRepositorysDevelopmentKeyIsRefusedInTheFolderUnlessInDevelopment() throws Exception {
        Files.copy(Path.of("../common/auth-api/src/main/resources/META-INF/development-keys/users-service.pem"),
                keys.resolve("users-service.pem"));
        TrustedCallers refused = new TrustedCallers(Optional.of(keys.toString()), false);
        assertTrue(refused.problem().orElseThrow().contains("published development key"), refused.problem().get());
        assertTrue(refused.keys().isEmpty());
        assertTrue(new TrustedCallers(Optional.of(keys.toString()), true).problem().isEmpty());
    }

    @Test
    void withoutAFolderAuthServiceAnswersNoOneOutsideDevelopment() {
        TrustedCallers none = new TrustedCallers(Optional.empty(), false);
        assertTrue(none.problem().orElseThrow().contains("CALLER_KEYS_DIR"));
        TrustedCallers development = new TrustedCallers(Optional.empty(), true);
        assertEquals(Optional.of("tasks-service"), new CallerAssertions(development, Clock.systemUTC())
                .callerOf(ServiceCaller.development("tasks-service").header()));
    }

    @Test
    void anEmptyFolderIsAProblemNotAnOpenDoor() {
        assertTrue(new TrustedCallers(Optional.of(keys.toString()), false).problem().orElseThrow()
                .contains("holds no <service>.pem"));
    }
}
