package dev.kubenet.auth.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kubenet.common.http.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

class PasswordWorkTest {

    /** A queue that answers as the fault tolerance interceptors would, without running anything. */
    private static PasswordWork workWhoseQueue(Function<Supplier<?>, CompletionStage<?>> answer) {
        PasswordWork work = new PasswordWork();
        work.queue = new PasswordWorkQueue() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletionStage<T> run(Supplier<T> task) {
                return (CompletionStage<T>) answer.apply(task);
            }
        };
        return work;
    }

    private static Throwable failureOf(CompletionStage<?> stage) {
        return assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get()).getCause();
    }

    private static void assertBusy(Throwable failure) {
        Response response = assertInstanceOf(WebApplicationException.class, failure).getResponse();
        assertEquals(429, response.getStatus());
        assertEquals("1", response.getHeaderString("Retry-After"));
        assertEquals(PasswordWork.BUSY, ((Problem) response.getEntity()).detail());
    }

    @Test
    void workThatRanGivesItsResult() throws Exception {
        PasswordWork work = workWhoseQueue(task -> CompletableFuture.completedFuture(task.get()));
        assertEquals("hash", work.run(() -> "hash").toCompletableFuture().get());
    }

    @Test
    void aFullQueueIs503BusyWhetherItRefusesAtOnceOrThroughTheStage() {
        assertBusy(failureOf(workWhoseQueue(task -> {
            throw new BulkheadException("full");
        }).run(() -> "hash")));
        assertBusy(failureOf(workWhoseQueue(task -> CompletableFuture.failedFuture(new BulkheadException("full")))
                .run(() -> "hash")));
    }

    @Test
    void aFailureOfTheWorkItselfIsPassedOnAsItIs() {
        WebApplicationException wrongPassword = new WebApplicationException(401);
        PasswordWork work = workWhoseQueue(task -> CompletableFuture.failedFuture(wrongPassword));
        assertSame(wrongPassword, failureOf(work.run(() -> "token")));
    }
}
