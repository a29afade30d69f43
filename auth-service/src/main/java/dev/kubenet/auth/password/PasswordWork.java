package dev.kubenet.auth.password;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * Where the deliberately slow password work runs (hashing at signup, checking at login): on at most two threads at
 * a time, the rest waiting in a short queue. A burst of logins then cannot take every core from token verification,
 * which every tasks request needs and which takes microseconds. A request that finds the queue full gets a quick
 * 503 ({@link PasswordWorkBusyMapper}) instead of waiting longer than its caller would.
 * <p>
 * Tune both numbers without a rebuild through MicroProfile Config, for example on a bigger machine
 * {@code dev.kubenet.auth.password.PasswordWork/run/Bulkhead/value=4}. The queue is sized so that its last request
 * still finishes within users-service's 5 s timeout (a hash takes about a quarter of a second on one core).
 */
@ApplicationScoped
public class PasswordWork {

    @Asynchronous
    @Bulkhead(value = 2, waitingTaskQueue = 16)
    public <T> CompletionStage<T> run(Supplier<T> work) {
        return CompletableFuture.completedFuture(work.get());
    }
}
