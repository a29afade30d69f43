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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HMAC key that signs and verifies tokens. Only auth-service ever holds it: every other service asks
 * auth-service to verify a token. It comes from the file named by {@code JWT_SIGNING_KEY_FILE} (a mounted Kubernetes
 * Secret or Compose secret, made by scripts/secrets.sh) or from {@code JWT_SIGNING_KEY} (base64).
 * <p>
 * Without a key, or with one that this repository has published (anyone could sign any user's token with it),
 * auth-service answers no one and says why in its log and its readiness, unless {@code INSECURE_DEVELOPMENT_KEYS=true}:
 * then a missing key is made up at start-up (tokens die with the process) and a published one is accepted.
 */
@ApplicationScoped
public class SigningKey {

    static final int MIN_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(SigningKey.class.getName());
    /**
     * SHA-256 of each key that has been in this repository: deploy/00-secrets.yaml's demo key, and the integration
     * tests' key (auth-service/src/test/liberty/test-server.env).
     */
    static final Set<String> PUBLISHED = Set.of(
            "ed6e96810e1b3526bee7d3a201a0cc568d9c9f3524376ab3d9f8393e87a4e29c",
            "d86816336e82b6240096ff2d71d57f28e1f2177732247eb6a82ac06125df934e");

    @Inject
    @ConfigProperty(name = "jwt.signing.key")
    Optional<String> base64Key;

    @Inject
    @ConfigProperty(name = "jwt.signing.key.file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "insecure.development.keys", defaultValue = "false")
    boolean developmentKeys;

    private Key key;
    private Optional<String> problem = Optional.empty();

    /** Loads the key as the application starts, so that the log says at once what is wrong with it. */
    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        key();
    }

    @PostConstruct
    void load() {
        try {
            if (keyFile.isPresent()) {
                key = checked(read(Path.of(keyFile.get())), "JWT_SIGNING_KEY_FILE (" + keyFile.get() + ")");
            } else if (base64Key.isPresent()) {
                key = checked(base64Key.get(), "JWT_SIGNING_KEY");
            } else if (developmentKeys) {
                key = randomKey();
                LOG.warning("No JWT_SIGNING_KEY_FILE is configured, so auth-service made up a signing key "
                        + "(INSECURE_DEVELOPMENT_KEYS=true). Tokens will not survive a restart of auth-service and will "
                        + "not be accepted by its other replicas.");
            } else {
                throw new IllegalStateException("JWT_SIGNING_KEY_FILE is not set, so auth-service has no key to sign "
                        + "tokens with and answers no one. Make one with scripts/secrets.sh.");
            }
        } catch (IllegalStateException e) {
            problem = Optional.of(e.getMessage());
            LOG.severe(e.getMessage());
            // Never used: CallerCheck answers every request 503 while there is a problem.
            key = randomKey();
        }
    }

    public Key key() {
        return key;
    }

    /** Why auth-service must answer no one, if it must not. */
    public Optional<String> problem() {
        return problem;
    }

    private Key checked(String base64, String source) {
        Key loaded = fromBase64(base64, source);
        if (!developmentKeys && PUBLISHED.contains(fingerprint(loaded.getEncoded()))) {
            throw new IllegalStateException(source + " is a key published in this repository: anyone could sign any "
                    + "user's token with it. Make a key of your own with scripts/secrets.sh.");
        }
        return loaded;
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

    static String fingerprint(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Key randomKey() {
        byte[] random = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(random);
        return new SecretKeySpec(random, "HmacSHA256");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("JWT_SIGNING_KEY_FILE cannot be read: " + file, e);
        }
    }
}
