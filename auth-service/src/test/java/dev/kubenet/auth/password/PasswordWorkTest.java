package dev.kubenet.auth.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kubenet.common.http.Problem;
import dev.kubenet.common.http.Problems;
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

    /** What a resource's stage completes with: the work's result, or a refusal's problem response. */
    private static Object answerOf(CompletionStage<?> stage) throws Exception {
        return stage.toCompletableFuture().get();
    }

    private static void assertBusy(Object answer) {
        Response response = assertInstanceOf(Response.class, answer);
        assertEquals(429, response.getStatus());
        assertEquals("1", response.getHeaderString("Retry-After"));
        assertEquals(PasswordWork.BUSY, ((Problem) response.getEntity()).detail());
    }

    @Test
    void workThatRanGivesItsResult() throws Exception {
        PasswordWork work = workWhoseQueue(task -> CompletableFuture.completedFuture(task.get()));
        assertEquals("hash", answerOf(work.answer(() -> "hash")));
    }

    @Test
    void aFullQueueIs429BusyWhetherItRefusesAtOnceOrThroughTheStage() throws Exception {
        assertBusy(answerOf(workWhoseQueue(task -> {
            throw new BulkheadException("full");
        }).answer(() -> "hash")));
        assertBusy(answerOf(workWhoseQueue(task -> CompletableFuture.failedFuture(new BulkheadException("full")))
                .answer(() -> "hash")));
    }

    @Test
    void aRefusalOfTheWorkItselfIsItsProblemResponseNotAFailedStage() throws Exception {
        PasswordWork work = workWhoseQueue(task -> CompletableFuture.failedFuture(
                Problems.exception(Response.Status.UNAUTHORIZED, "Passwords do not match.")));
        Response response = assertInstanceOf(Response.class, answerOf(work.answer(() -> "token")));
        assertEquals(401, response.getStatus());
        assertEquals("Passwords do not match.", ((Problem) response.getEntity()).detail());

        Response bare = assertInstanceOf(Response.class, answerOf(workWhoseQueue(
                task -> CompletableFuture.failedFuture(new WebApplicationException(401))).answer(() -> "token")));
        assertEquals(Problems.PROBLEM_JSON, bare.getMediaType(), "one error format, as the mapper gives it");
    }

    @Test
    void aFaultOfTheWorkFailsTheStageAsItIs() {
        IllegalStateException fault = new IllegalStateException("no hasher");
        PasswordWork work = workWhoseQueue(task -> CompletableFuture.failedFuture(fault));
        CompletionStage<String> stage = work.answer(() -> "token");
        assertSame(fault, assertThrows(ExecutionException.class, () -> answerOf(stage)).getCause());
    }
}
