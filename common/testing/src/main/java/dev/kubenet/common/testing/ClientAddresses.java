package dev.kubenet.common.testing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Clients of their own for tests that log in and sign up straight at users-service, which limits how often one client
 * address may try a password. Its test servers and {@code ./run.sh} trust a proxy on this machine (as they trust
 * nginx there), so a test names its client in {@code X-Forwarded-For} as nginx would: each of its logins and
 * signups comes from a client of its own, as real users' do, and one test's attempts do not spend another's allowance.
 * A test about one client's limits keeps one address for all its attempts.
 */
public final class ClientAddresses {

    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private ClientAddresses() {
    }

    /** An address from 198.18.0.0/15, the block set aside for benchmarks and tests (RFC 2544): 131,072 of them. */
    public static String fresh() {
        int host = ThreadLocalRandom.current().nextInt(1 << 17);
        return "198." + (18 + (host >> 16)) + "." + ((host >> 8) & 0xff) + "." + (host & 0xff);
    }
}
