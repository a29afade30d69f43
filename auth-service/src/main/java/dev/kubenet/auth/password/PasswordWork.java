package dev.kubenet.auth.password;

import dev.kubenet.common.http.Problems;
import dev.kubenet.common.http.WebApplicationExceptionMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * Runs password work in its queue ({@link PasswordWorkQueue}) and gives the answer to the request that asked for it.
 * When every slot and queue place is taken, the answer is a 429, try again in a second: the caller (users-service)
 * sent more work than auth-service takes at once. Not a 503: auth-service is up and answering, and its callers must not
 * open their circuit breakers over it, which would turn away everyone's logins because one client sent too many. Only
 * this queue's refusal means that: it is recognised here, where it arises, not by a mapper for every
 * {@link BulkheadException} of the application.
 * <p>
 * A refusal, the queue's or the work's own (a wrong password's 401), completes the stage with its problem
 * {@link Response} instead of failing it. RESTEasy as Liberty ships it writes the exception that fails a resource's
 * stage and then, in a {@code finally} block, reads an attribute of the servlet request, which the web container may
 * have recycled as soon as the answer went out: a NullPointerException that it logs at level E as RESTEASY002020
 * "Unhandled asynchronous exception", with the 401's stack, although the caller had its answer. A Response that
 * completes the stage is written as any other answer (Jakarta REST sends a Response as it is, whatever the method
 * declares), and nothing reads the request after it.
 */
@ApplicationScoped
public class PasswordWork {

    static final String BUSY = "Too many sign-ups and logins at once. Please try again in a moment.";
    private static final Logger LOG = Logger.getLogger(PasswordWork.class.getName());
    private static final WebApplicationExceptionMapper AS_PROBLEM = new WebApplicationExceptionMapper();

    @Inject
    PasswordWorkQueue queue;

    /**
     * The answer to a resource method's request: the work's result, or the problem response of its refusal. For
     * resource methods only: the stage completes with a {@link Response} where its type says {@code T}.
     */
    public <T> CompletionStage<T> answer(Supplier<T> work) {
        CompletionStage<T> queued;
        try {
            queued = queue.run(work);
        } catch (BulkheadException e) {
            return CompletableFuture.completedFuture(answer(busy(e)));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        queued.whenComplete((value, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null) {
                result.complete(value);
            } else if (cause instanceof BulkheadException refused) {
                result.complete(answer(busy(refused)));
            } else if (cause instanceof WebApplicationException refusal) {
                result.complete(answer(refusal));
            } else {
                result.completeExceptionally(cause); // a fault, logged as one: the 500 it is
            }
        });
        return result;
    }

    /**
     * The refusal as the problem its exception mapper would have sent, for a stage to complete with (see the class
     * comment): T is erased, the stage holds any Object.
     */
    @SuppressWarnings("unchecked")
    private static <T> T answer(WebApplicationException refusal) {
        return (T) AS_PROBLEM.toResponse(refusal);
    }

    private static WebApplicationException busy(BulkheadException refused) {
        LOG.warning("Too many password checks at once: a request was turned away");
        return new WebApplicationException(BUSY, refused, Problems.tooManyRequests(BUSY, 1));
    }
}
