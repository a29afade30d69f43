package dev.kubenet.users.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class OneSignupPerEmailTest {

    private final OneSignupPerEmail signups = new OneSignupPerEmail();

    @Test
    void aSecondSignupForTheSameEmailWaitsForTheFirstAndOneForAnotherEmailDoesNot() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> signups.run("a@example.com", () -> {
            firstStarted.countDown();
            await(finishFirst);
            return "first";
        }));
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));

        CompletableFuture<String> second =
                CompletableFuture.supplyAsync(() -> signups.run("a@example.com", () -> "second"));
        assertEquals("other", signups.run("b@example.com", () -> "other"), "another email waits for nobody");
        assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS));

        finishFirst.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        assertEquals("second", second.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSignupThatFailsLetsTheNextOneRun() {
        assertThrows(IllegalStateException.class, () -> signups.run("a@example.com", () -> {
            throw new IllegalStateException("auth-service unavailable");
        }));
        assertEquals("next", signups.run("a@example.com", () -> "next"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
