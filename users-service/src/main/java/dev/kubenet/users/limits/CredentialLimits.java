package dev.kubenet.users.limits;

import dev.kubenet.common.http.Problems;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often a client may try a password, held here in users-service, where no path spelling and no direct call gets
 * around it (nginx has a limit of its own in front, for the browser's origin). Every login and signup costs
 * auth-service a deliberately slow hash, so:
 * <ul>
 * <li>per client address: a burst, then a steady rate, for logins and signups together, and only a few running at
 * once, so one client cannot fill auth-service's queue for password work and turn everyone else away;</li>
 * <li>per account: failed logins for one email (a wrong password), from any number of addresses, so guessing one
 * user's password stays slow; a login that succeeds, or that auth-service could not answer, costs the account
 * nothing.</li>
 * </ul>
 * Anything over a limit gets a {@code 429} problem with {@code Retry-After} before any password work. Only attempts that
 * pass validation count: a malformed body costs nothing and is refused anyway.
 * <p>
 * The client address is the connection's, or the client that a trusted proxy (nginx) names in
 * {@code X-Forwarded-For}: Liberty's {@code <remoteIp>} in server.xml decides which proxies are trusted
 * ({@code TRUSTED_PROXIES}). The numbers are MicroProfile Config ({@code limits.*} in microprofile-config.properties).
 * Each replica counts for itself: with N replicas a client gets up to N times the rate, still bounded.
 */
@ApplicationScoped
public class CredentialLimits {

    static final String TOO_MANY = "Too many login or sign-up attempts. Please wait before trying again.";
    static final String TOO_MANY_FOR_ACCOUNT = "Too many login attempts for this account. Please wait before trying again.";
    static final String ONE_AT_A_TIME = "Too many login or sign-up attempts at once. Please wait for the one in progress.";
    /** Keys each limit remembers at most (about 100 bytes each): see {@link RateLimit}. */
    private static final int MAX_KEYS = 50_000;

    @Inject
    @ConfigProperty(name = "limits.address.burst")
    int addressBurst;

    @Inject
    @ConfigProperty(name = "limits.address.per-minute")
    int addressPerMinute;

    @Inject
    @ConfigProperty(name = "limits.address.at-once")
    int addressAtOnce;

    @Inject
    @ConfigProperty(name = "limits.account.burst")
    int accountBurst;

    @Inject
    @ConfigProperty(name = "limits.account.per-minute")
    int accountPerMinute;

    private RateLimit perAddress;
    private RateLimit perAccount;
    private InFlight running;

    @PostConstruct
    void init() {
        perAddress = new RateLimit(addressBurst, addressPerMinute, MAX_KEYS);
        perAccount = new RateLimit(accountBurst, accountPerMinute, MAX_KEYS);
        running = new InFlight(addressAtOnce);
    }

    /**
     * Admits one login ({@code account} present) or signup from {@code clientAddress}, or throws the 429 that says
     * why and for how long. Close what it returns when the attempt is over.
     */
    public Attempt admit(String clientAddress, Optional<String> account) {
        long now = System.nanoTime();
        Duration wait = perAddress.take(clientAddress, now);
        if (!wait.isZero()) {
            throw tooMany(TOO_MANY, wait);
        }
        if (account.isPresent()) {
            Duration accountWait = perAccount.take(account.get(), now);
            if (!accountWait.isZero()) {
                throw tooMany(TOO_MANY_FOR_ACCOUNT, accountWait);
            }
        }
        if (!running.start(clientAddress)) {
            account.ifPresent(perAccount::giveBack);
            throw tooMany(ONE_AT_A_TIME, Duration.ofSeconds(1));
        }
        return new Attempt(clientAddress, account);
    }

    private static WebApplicationException tooMany(String detail, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new WebApplicationException(detail, Problems.tooManyRequests(detail, seconds));
    }

    /**
     * An admitted attempt; closing it lets the client start another one. The account's count was taken up front, so
     * that simultaneous guesses cannot all slip under it, and is given back on closing unless the password was wrong.
     */
    public final class Attempt implements AutoCloseable {
        private final String clientAddress;
        private final Optional<String> account;
        private boolean wrongPassword;

        private Attempt(String clientAddress, Optional<String> account) {
            this.clientAddress = clientAddress;
            this.account = account;
        }

        /** The password did not match: this attempt counts against the account. */
        public void wrongPassword() {
            wrongPassword = true;
        }

        @Override
        public void close() {
            running.end(clientAddress);
            if (!wrongPassword) {
                account.ifPresent(perAccount::giveBack);
            }
        }
    }
}
