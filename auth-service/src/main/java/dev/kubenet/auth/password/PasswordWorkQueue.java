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
 * which every tasks request needs and which takes microseconds. When the queue is full, the work is refused at once
 * with a {@link org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException}, which {@link PasswordWork}
 * turns into a quick 429 instead of a wait longer than the caller's.
 * <p>
 * Tune both numbers without a rebuild through MicroProfile Config, for example on a bigger machine
 * {@code dev.kubenet.auth.password.PasswordWorkQueue/run/Bulkhead/value=4}. The queue is sized so that its last request
 * still finishes within the time callers wait for password work, {@code auth.password.timeout.ms} of auth-service's
 * API (common-auth-api), where that relation is written; {@code PasswordWorkQueueTest} checks it.
 */
@ApplicationScoped
public class PasswordWorkQueue {

    @Asynchronous
    @Bulkhead(value = 2, waitingTaskQueue = 16)
    public <T> CompletionStage<T> run(Supplier<T> work) {
        return CompletableFuture.completedFuture(work.get());
    }
}
