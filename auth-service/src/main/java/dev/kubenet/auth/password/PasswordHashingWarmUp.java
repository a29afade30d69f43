package dev.kubenet.auth.password;

import dev.kubenet.common.warmup.WarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hashes and checks a password once before auth-service takes traffic. PBKDF2 runs several times slower until the JIT
 * has compiled it, and the first signups and logins after a start would pay for that in a queue that callers wait on
 * for at most {@code auth.password.timeout.ms}. It also makes the decoy hash that a login for an unknown email checks.
 */
@ApplicationScoped
class PasswordHashingWarmUp implements WarmUp {

    @Inject
    PasswordHasher hasher;

    @Override
    public String name() {
        return "password hashing";
    }

    @Override
    public String run() {
        hasher.spendTimeOnDecoy("warm-up password");
        return "hashed and checked";
    }
}
