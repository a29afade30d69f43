package dev.kubenet.common.testing;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInfo;

/**
 * A test that needs what this machine or this build does not have (PostgreSQL under the test's control, root) does
 * not pass in silence: it prints a {@code [NOT RUN]} line with the reason into the build's output, next to the
 * failsafe line that counts it as skipped, and the report carries the same reason.
 */
public final class NotRunHere {

    private NotRunHere() {
    }

    /** Skips the test, loudly, if there is a reason why it cannot run here. */
    public static void unless(Optional<String> whyNot, TestInfo test) {
        if (whyNot.isPresent()) {
            String name = test.getTestClass().map(Class::getSimpleName).orElse("?") + "." + test.getDisplayName();
            String reason = "[NOT RUN] " + name + ": " + whyNot.get();
            System.out.println(reason);
            Assumptions.abort(reason);
        }
    }
}
