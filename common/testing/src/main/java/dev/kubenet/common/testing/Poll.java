package dev.kubenet.common.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks again until the answer is the one awaited, within a deadline: for what the system does by itself after a
 * restart or an outage (nginx and the JVMs look addresses up again, a circuit closes), which a test cannot hurry.
 * Every wait is bounded, and a failure says what was awaited and what the last answer was.
 */
public final class Poll {

    private Poll() {
    }

    /**
     * The first answer that {@code awaited} accepts, asked for every {@code interval} until {@code deadline} has
     * passed (once more after the last wait, as the loops it replaced did); fails with {@code what} and the last
     * answer, as {@code describe} tells it, when none did.
     */
    public static <T> T until(Duration deadline, Duration interval, String what, Supplier<T> ask,
            Predicate<? super T> awaited, Function<? super T, String> describe) {
        Instant end = Instant.now().plus(deadline);
        T last = ask.get();
        while (!awaited.test(last)) {
            if (!Instant.now().isBefore(end)) {
                throw new AssertionError("not within " + deadline + ": " + what + "; the last answer: "
                        + describe.apply(last));
            }
            LibertyServer.sleep(interval.toMillis());
            last = ask.get();
        }
        return last;
    }

    /** Waits until {@code condition} holds, asked for every {@code interval}, within {@code deadline}. */
    public static void until(Duration deadline, Duration interval, String what, Supplier<Boolean> condition) {
        until(deadline, interval, what, condition, Boolean::booleanValue, answer -> "no");
    }
}
