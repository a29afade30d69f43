package dev.kubenet.users.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Runs the signups for one email one after another in this process, and those for different emails side by side.
 * <p>
 * A burst of signups for one email (a double click, a client that retries, a script) would otherwise have auth-service
 * hash every password, a deliberately slow job, only for the database to keep one account: fifty at once kept two
 * cores busy for longer than users-service waits for a hash, and some signups got a 503. One after another, the first
 * makes the account and each of the others finds the email taken before asking for a hash. Between replicas the
 * database's unique constraint still decides ({@link Users#add}).
 */
@ApplicationScoped
class OneSignupPerEmail {

    private final ConcurrentMap<String, CompletableFuture<Void>> inProgress = new ConcurrentHashMap<>();

    /**
     * Runs {@code signup} once no other signup for {@code email} is in progress here. The wait is bounded by the one
     * in progress, which auth-service's timeout bounds.
     */
    <T> T run(String email, Supplier<T> signup) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        for (CompletableFuture<Void> earlier; (earlier = inProgress.putIfAbsent(email, mine)) != null; ) {
            earlier.join();
        }
        try {
            return signup.get();
        } finally {
            inProgress.remove(email, mine);
            mine.complete(null);
        }
    }
}
