package dev.kubenet.auth.password;

import dev.kubenet.common.http.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * Runs password work in its queue ({@link PasswordWorkQueue}); when every slot and queue place is taken, the answer is
 * a 429, try again in a second: the caller (users-service) sent more work than auth-service takes at once. Not a 503:
 * auth-service is up and answering, and its callers must not open their circuit breakers over it, which would turn
 * away everyone's logins because one client sent too many. Only this queue's refusal means that: it is recognised
 * here, where it arises, not by a mapper for every {@link BulkheadException} of the application.
 */
@ApplicationScoped
public class PasswordWork {

    static final String BUSY = "Too many sign-ups and logins at once. Please try again in a moment.";
    private static final Logger LOG = Logger.getLogger(PasswordWork.class.getName());

    @Inject
    PasswordWorkQueue queue;

    /** The work's result; a failure of the work itself (a 401, say) is passed on as it was thrown. */
    public <T> CompletionStage<T> run(Supplier<T> work) {
        CompletionStage<T> queued;
        try {
            queued = queue.run(work);
        } catch (BulkheadException e) {
            return CompletableFuture.failedFuture(busy(e));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        queued.whenComplete((value, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null) {
                result.complete(value);
            } else if (cause instanceof BulkheadException refused) {
                result.completeExceptionally(busy(refused));
            } else {
                // Unwrapped: RESTEasy maps a WebApplicationException (a 401, say) that completes the stage, but
                // logs one wrapped in a CompletionException as an unhandled error, with its stack.
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    private static WebApplicationException busy(BulkheadException refused) {
        LOG.warning("Too many password checks at once: a request was turned away");
        return new WebApplicationException(BUSY, refused, Problems.tooManyRequests(BUSY, 1));
    }
}
