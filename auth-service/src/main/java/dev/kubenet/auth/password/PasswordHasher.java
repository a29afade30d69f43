package dev.kubenet.auth.password;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Salted, deliberately slow password hashes: PBKDF2-HMAC-SHA256 with OWASP's current iteration count, from the
 * JDK. A hash records its own parameters ({@code pbkdf2-sha256$iterations$salt$hash}), so raising the iteration
 * count later leaves existing hashes valid.
 * <p>
 * Every check costs at least the current iteration count, whatever the stored hash's own count: a login for an
 * unknown email checks a decoy hashed with the current count, so a real check of an older, cheaper hash makes up the
 * difference with PBKDF2 work that it throws away. Otherwise, after the count is raised, every account made before
 * would answer faster than an unknown email, and response times would tell who has an account. (Rehashing at login
 * would also upgrade old hashes, but only for accounts whose owners log in; the padding covers every account now.)
 * A hash with more iterations than the current count (the count was lowered) still costs its own: lowering it is
 * below OWASP's advice, and warned about at start.
 */
@ApplicationScoped
public class PasswordHasher {

    static final String SCHEME = "pbkdf2-sha256";
    static final int OWASP_ITERATIONS = 600_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final byte[] PADDING_SALT = new byte[SALT_BYTES];
    private static final Logger LOG = Logger.getLogger(PasswordHasher.class.getName());

    private final SecureRandom random = new SecureRandom();

    @Inject
    @ConfigProperty(name = "password.hash.iterations", defaultValue = "" + OWASP_ITERATIONS)
    int iterations;

    private volatile String decoy;

    PasswordHasher() {
    }

    PasswordHasher(int iterations) {
        this.iterations = iterations;
    }

    @PostConstruct
    void warnIfWeak() {
        if (iterations < OWASP_ITERATIONS) {
            LOG.warning(() -> "password.hash.iterations=" + iterations + " is below OWASP's " + OWASP_ITERATIONS);
        }
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** Whether the password produces the stored hash; compared in constant time. A malformed hash matches nothing. */
    public boolean matches(String password, String storedHash) {
        String[] parts = storedHash.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int storedIterations = Integer.parseInt(parts[1]);
            if (storedIterations < 1 || storedIterations > MAX_ITERATIONS) {
                return false;
            }
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] expected = b64.decode(parts[3]);
            byte[] actual = pbkdf2(password, b64.decode(parts[2]), storedIterations);
            if (storedIterations < iterations) {
                pbkdf2(password, PADDING_SALT, iterations - storedIterations);
            }
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Spends as long as checking a real password, for a user who does not exist: a login for an unknown email then
     * takes as long as one with a wrong password, and response times do not reveal who has an account. The decoy has
     * the current iteration count, which is what every real check costs at least (see the class comment).
     */
    public void spendTimeOnDecoy(String password) {
        if (decoy == null) {
            decoy = hash("decoy");
        }
        matches(password, decoy);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

}
