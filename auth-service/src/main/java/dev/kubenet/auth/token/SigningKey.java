package dev.kubenet.auth.token;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HMAC key that signs and verifies tokens. Only auth-service ever holds it: every other service asks
 * auth-service to verify a token. It comes from {@code JWT_SIGNING_KEY} (base64) or from the file named by
 * {@code JWT_SIGNING_KEY_FILE} (a mounted Kubernetes Secret or Compose secret). Without either, a random key is made
 * at start-up: fine on a laptop, but tokens then die with the process and other replicas reject them.
 */
@ApplicationScoped
public class SigningKey {

    static final int MIN_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(SigningKey.class.getName());

    @Inject
    @ConfigProperty(name = "jwt.signing.key")
    Optional<String> base64Key;

    @Inject
    @ConfigProperty(name = "jwt.signing.key.file")
    Optional<String> keyFile;

    private Key key;

    /** Loads the key as the application starts, so a bad key stops the start-up with a clear message. */
    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        key();
    }

    @PostConstruct
    void load() {
        if (keyFile.isPresent()) {
            key = fromBase64(read(Path.of(keyFile.get())), "JWT_SIGNING_KEY_FILE (" + keyFile.get() + ")");
        } else if (base64Key.isPresent()) {
            key = fromBase64(base64Key.get(), "JWT_SIGNING_KEY");
        } else {
            byte[] random = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(random);
            key = new SecretKeySpec(random, "HmacSHA256");
            LOG.warning("No JWT_SIGNING_KEY or JWT_SIGNING_KEY_FILE is configured, so auth-service generated a random "
                    + "signing key. Tokens will not survive a restart of auth-service and will not be accepted by "
                    + "its other replicas. Configure a key (openssl rand -base64 32) for anything but a local try-out.");
        }
    }

    public Key key() {
        return key;
    }

    static Key fromBase64(String value, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64", e);
        }
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException(source + " must hold at least " + MIN_BYTES + " random bytes (HS256); it has "
                    + bytes.length + ". Generate one with: openssl rand -base64 32");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("JWT_SIGNING_KEY_FILE cannot be read: " + file, e);
        }
    }
}
